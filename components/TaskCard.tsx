/**
 * One tracked TikTok task in the popup: what it is, where it stands, what to do next.
 */
import { memo, useId, useState } from 'react';
import type { TrackedTask } from '@/utils/tracker/schema';
import { CopyButton } from './CopyButton';
import { DueDate } from './DueDate';
import { InviteLinkProblem } from './InviteLinkProblem';
import { QrDialog } from './QrDialog';
import { qrSubject } from './qr-wording';
import { StateBadge } from './StateBadge';
import { StepChecklist } from './StepChecklist';
import { canMarkPosted, canRetryNow, canUndoPosted, inviteLinkProblem, offerableCampaignCode, offerableInviteLink } from './task-actions';
import { useBackground } from './use-background';
import { isPastPosting, nextAction } from './next-step';

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const TaskCard = memo(function TaskCard({ task, now, headingLevel = 3 }: { task: TrackedTask; now: number; headingLevel?: 2 | 3 }) {
  const headingId = useId();
  const { send, error } = useBackground();
  const [qrOpen, setQrOpen] = useState(false);
  const link = offerableInviteLink(task);
  const problem = inviteLinkProblem(task);
  const code = offerableCampaignCode(task);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  /** The QR code was shown from this card: scanning is the creator's part, posting comes next. */
  const [qrShown, setQrShown] = useState(false);
  // The creator's next step in the help article's order: the card's one filled button.
  const next = nextAction(task, { link: !!link && !problem, code: !!code, qrShown, retry: true });
  const primary = (action: ReturnType<typeof nextAction>) => (action === next ? 'primary' : undefined);
  // Posted and after: copying or scanning again cannot help.
  const offerCopy = !isPastPosting(task.state);
  const key = task.key;

  return (
    <article className="task-card" aria-labelledby={`${headingId} ${headingId}-campaign`} data-task-key={key}>
      <Heading id={headingId} className="task-title">
        {task.taskName}
      </Heading>
      <p className="task-meta">
        <span id={`${headingId}-campaign`} className="campaign-name">
          {task.campaignName}
        </span>
        {task.brand && <span className="muted"> · {task.brand}</span>}
        {task.accountName && <span className="muted"> · {task.accountName}</span>}
      </p>
      <p className="task-status">
        <StateBadge state={task.state} />{' '}
        <span className="muted">impact.com: </span>
        {task.impactStatus ?? 'status unknown'}
      </p>
      <p className="task-due">
        <DueDate dueDate={task.dueDate} state={task.state} now={now} />
      </p>
      {task.state === 'retryScheduled' && task.retrieve.nextAttemptAt !== undefined && (
        <p className="muted">Next "Retrieve my post" try: {formatTime(task.retrieve.nextAttemptAt)}</p>
      )}
      {task.state === 'needsAttention' && task.retrieve.lastOutcome && <p className="notice">{task.retrieve.lastOutcome}</p>}

      {problem && <InviteLinkProblem problem={problem} />}
      <div className="actions">
        {offerCopy && link && !problem && (
          <>
            <CopyButton
              text={link}
              label="Copy invite link"
              className={primary('copyInviteLink')}
              onCopied={() => void send({ type: 'setStep', key, step: 'linkCopied', done: true })}
            />
            <button
              type="button"
              className={primary('showQr')}
              onClick={() => {
                setQrOpen(true);
                setQrShown(true);
              }}
            >
              Show QR code
            </button>
          </>
        )}
        {offerCopy && code && (
          <CopyButton
            text={code}
            label="Copy campaign code"
            className={primary('copyCampaignCode')}
            onCopied={() => void send({ type: 'setStep', key, step: 'codeCopied', done: true })}
          />
        )}
        {canMarkPosted(task.state) && (
          <button type="button" className={primary('markPosted')} onClick={() => void send({ type: 'markPosted', key })}>
            Mark as posted
          </button>
        )}
        {canRetryNow(task.state) && (
          <button type="button" className={primary('retryNow')} onClick={() => void send({ type: 'retryNow', key })}>
            Retry now
          </button>
        )}
        {canUndoPosted(task.state) && (
          <button type="button" onClick={() => void send({ type: 'undoPosted', key })}>
            Undo posted
          </button>
        )}
        <button type="button" onClick={() => void send({ type: 'openTask', key })}>
          Open on impact.com
        </button>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <StepChecklist
        task={task}
        onToggle={async (step, done) => (await send({ type: 'setStep', key, step, done })).ok}
        onChoosePath={async (path) => (await send({ type: 'choosePath', key, path })).ok}
      />
      {qrOpen && link && <QrDialog link={link} subject={qrSubject(task.campaignName, task.taskName)} onClose={() => setQrOpen(false)} />}
    </article>
  );
});
