// No async boundary: the shared singletons are eager (bundled into host.js, rsbuild.host.config.ts),
// so they are negotiated as this file runs, and the loader starts at once.
import './bootstrap.ts';
