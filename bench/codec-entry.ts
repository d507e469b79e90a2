// What the codec bench measures: the frame codec bundled into one file by vite (rollup), as
// electron-vite bundles the station's main process, rather than module by module as vite-node
// runs the bench itself (where every call into another module goes through an import getter).
export { encodeFrame, FrameDecoder, FrameWriter } from '../src/main/core/phone/frame-codec';
export { useWasm } from '../src/main/core/phone/mutf8-wasm';
