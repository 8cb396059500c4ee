// The footer text shared by the single-page parts of the site.
export const BEIAN = { icp: "京ICP备12345678号-1", psb: "京公网安备11010802020088号" };
