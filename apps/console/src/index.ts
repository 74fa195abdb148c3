// Module Federation's async boundary: shared singletons are negotiated before React loads.
void import('./bootstrap.tsx');
