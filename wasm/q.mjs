import * as def from 'icp-number';
import * as fast from 'icp-number/fast';
import { prose } from './test/support/pages.js';
const PAGE = prose(10_000_000, 1);
const VALID = ['京ICP备14041720号','京ICP备2022034770号-6X','陕ICP备2024026116号-1A','陕ICP备040096号','粤ICP备2023073334号-3K','沪ICP备13038549号-108','蜀ICP备2021012345号-2','京ICP证030173号','鄂ICP证020001号-5','粤B2-20090059','B2-20090028','A2.B1.B2-20090003','粤A2-20044005-108','京公网安备11000002000001号','川公网安备51010702000123号','京公网安备110105001242号'];
function best(f, n=25){ let b=1e9; for(let i=0;i<n;i++){const s=performance.now(); f(); b=Math.min(b, performance.now()-s);} return b; }
const only = process.argv[2] ?? 'all';
if (only !== 'valid') for (const [name, m] of [['default', def], ['fast', fast]]) console.log('scan', name, best(()=>m.scan(PAGE)).toFixed(2), 'ms', m.scan(PAGE).length);
let sink=0;
for (const [name, f] of [['default', def.isValid], ['fast', fast.isValid], ['regex', (s)=>/^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新]ICP备/u.test(s)]]) {
  const ms = best(()=>{ for(let i=0;i<20000;i++) for (const s of VALID) sink+=f(s)?1:0; }, 7);
  console.log('isValid', name, (20000*16/ms/1000).toFixed(2), 'M/s');
}
