import { type RemoteEntry, remoteRegistry } from '@flywheel/contracts/remotes';

/**
 * The BFF's remote registry (`GET /api/remotes`): which build of each widget this page loads.
 * Fetched once per page and shared by every widget; a failed fetch is retried on the next call.
 */
export function createRemoteRegistry(apiBase: string, publishableKey: string) {
  let entries: Promise<RemoteEntry[]> | undefined;
  const load = async () => {
    const response = await fetch(`${apiBase}/api/remotes`, { headers: { 'x-flywheel-key': publishableKey } });
    if (!response.ok) throw new Error(`remote registry answered ${response.status}`);
    return remoteRegistry.parse(await response.json());
  };
  const entriesOnce = () => {
    entries ??= load().catch((error: unknown) => {
      entries = undefined;
      throw error;
    });
    return entries;
  };
  return {
    /** Starts the one fetch early; a failure is left to resolve() to report. */
    prefetch(): void {
      entriesOnce().catch(() => {});
    },
    /**
     * The build of `name` to load: the one whose version is `version` (what the `<widget>.remote`
     * flag names, e.g. a canary), else the registry's first, its default.
     */
    async resolve(name: string, version = ''): Promise<RemoteEntry | undefined> {
      const builds = (await entriesOnce()).filter((entry) => entry.name === name);
      return builds.find((entry) => version !== '' && entry.version === version) ?? builds[0];
    },
  };
}
export type RemoteRegistry = ReturnType<typeof createRemoteRegistry>;
