import { createHostConfig } from '@flywheel/config/rsbuild';

const bff = process.env.FLYWHEEL_BFF_URL ?? 'http://localhost:3000';

// In `pnpm dev` the shell runs on its own port and reaches the BFF through this proxy, so the
// page talks to one origin exactly as it does when the BFF serves the built shell.
export default createHostConfig({
  name: 'shell',
  title: 'Acme Analytics',
  port: 3001,
  proxy: { '/trpc': bff, '/api': bff, '/sub': bff, '/demo': bff, '/remotes': bff, '/r': bff },
});
