/**
 * `node -r ./bench/transpile.cjs x.ts`: compiles TypeScript on load, as ts-node's transpile-only mode
 * does, without ts-node's REPL, which loads node:domain and so slows every event emitter in the
 * process: the raw baseline would not be the floor it stands for.
 */
const { readFileSync } = require('node:fs');
const ts = require('typescript');
const { compilerOptions } = require('../tsconfig.json');

const options = { ...compilerOptions, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, moduleResolution: undefined, lib: undefined, types: undefined, outDir: undefined, sourceMap: false };
require.extensions['.ts'] = (module, filename) => {
  module._compile(ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename }).outputText, filename);
};
