// Fails when the Node running it is outside package.json's engines.node: the range the README states and what CI
// tests (.ci/run, on the machine's Node and each line in .ci/node-lines) must not drift apart.
const path = require('node:path');
const root = path.join(__dirname, '..', '..');
const range = require(path.join(root, 'package.json')).engines.node;
const semver = require(require.resolve('semver', { paths: [root] }));
if (!semver.satisfies(process.version, range)) {
  console.error(`Node ${process.version} is outside the supported range engines.node "${range}" (package.json)`);
  process.exit(1);
}
console.log(`Node ${process.version}: within engines.node "${range}"`);
