import { useEffect, useState } from 'react';

export type Route =
  | { page: 'experiments' }
  | { page: 'experiment'; key: string }
  | { page: 'overview' }
  | { page: 'referrals' }
  | { page: 'users' }
  | { page: 'platform' };

/** `#/experiments/referral-center.headline` → `{ page: 'experiment', key: … }`; anything unknown → the list. */
export function parseRoute(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'experiments' && rest.length > 0) return { page: 'experiment', key: decodeURIComponent(rest.join('/')) };
  if (page === 'overview' || page === 'referrals' || page === 'users' || page === 'platform') return { page };
  return { page: 'experiments' };
}

export const hrefFor = (route: Route) =>
  route.page === 'experiment' ? `#/experiments/${encodeURIComponent(route.key)}` : `#/${route.page}`;

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
