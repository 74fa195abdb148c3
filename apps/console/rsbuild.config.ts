import { createHostConfig } from '@flywheel/config/rsbuild';

const bff = process.env.FLYWHEEL_BFF_URL ?? 'http://localhost:3000';

// In `pnpm dev` the console runs on its own port and reaches the BFF through this proxy, so its
// session cookie and CSRF checks see one origin, exactly as when the BFF serves the built console.
export default createHostConfig({
  name: 'console',
  title: 'Flywheel console',
  port: 3002,
  base: '/console/',
  proxy: { '/trpc': bff, '/api': bff, '/sub': bff, '/remotes': bff },
});
