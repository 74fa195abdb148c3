// Module Federation's async boundary: shared singletons are negotiated before the loader runs.
void import('./bootstrap.ts');
