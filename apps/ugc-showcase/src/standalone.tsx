// Standalone development: `pnpm --filter @flywheel/ugc-showcase dev` renders the widget against msw
// mocks of the BFF, so no backend is needed. The dynamic import is Module Federation's async
// boundary: shared modules are negotiated before React loads.
void import('./bootstrap.tsx');
