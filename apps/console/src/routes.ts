import { useEffect, useState } from 'react';

/** `#/experiments/referral-center.headline` → `{ page: 'experiments', path: ['referral-center.headline'] }`. */
export type Route = { page: string; path: string[] };

export function parseRoute(hash: string): Route {
  const [page = '', ...path] = hash.replace(/^#\/?/, '').split('/');
  return { page, path: path.map((part) => decodeURIComponent(part)) };
}

export const hrefFor = (page: string, ...path: string[]) => `#/${[page, ...path.map(encodeURIComponent)].join('/')}`;

/** The console routes with #hash, so the BFF serves one index.html and links survive a reload. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
