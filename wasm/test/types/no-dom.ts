// Part of the Node-only type test (tsconfig.node.json): the DOM is not declared there, so
// index.d.ts compiles without it.

// @ts-expect-error: no DOM in this project
void document;
// @ts-expect-error: the WebAssembly namespace is the DOM library's too
void WebAssembly;

export {};
