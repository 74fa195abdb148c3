import type { Session } from '../../api.ts';
import { ExperimentPage } from './experiment.tsx';
import { ExperimentsPage } from './list.tsx';

export function ExperimentsRoute({ session, path }: { session: Session; path: string[] }) {
  return path.length > 0 ? <ExperimentPage featureKey={path[0] ?? ''} tab={path[1]} session={session} /> : <ExperimentsPage />;
}
