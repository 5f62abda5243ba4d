import { STATE_LABELS, type TrackerState } from '@/utils/tracker/machine';

export function StateBadge({ state }: { state: TrackerState }) {
  return (
    <span className="state-badge" data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}
