import type { Session } from '../../api.ts';
import { ExperimentPage } from './experiment.tsx';
import { ExperimentsPage } from './list.tsx';

export function ExperimentsRoute({ session, path }: { session: Session; path: string[] }) {
  return path.length > 0 ? <ExperimentPage featureKey={path.join('/')} session={session} /> : <ExperimentsPage />;
}
