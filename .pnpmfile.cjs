// openapi-typescript builds its output with the classic TypeScript compiler API, which TypeScript 7
// (the native port, the catalog's) no longer has. Its peer on `typescript` would resolve to 7, so
// it gets a TypeScript 5 of its own instead; nothing else sees that copy.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'openapi-typescript') {
        delete pkg.peerDependencies.typescript;
        pkg.dependencies.typescript = '5.9.3';
      }
      return pkg;
    },
  },
};
