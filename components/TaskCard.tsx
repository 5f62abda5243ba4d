/**
 * One tracked TikTok task in the popup: one line (what it is, where it stands, when it is due)
 * that opens to what to do next.
 */
import { memo, useId, useState } from 'react';
import { dueWords, parseDueDate } from '@/utils/due-date';
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
import { afterFailedRetrieve } from './attention';
import { formatShortDay, t } from '@/utils/i18n';
import { campaignLabel, taskLabel } from '@/utils/tracker/names';

/**
 * The line's due words: "due tomorrow", "overdue by 2 days" while it is close or past, the
 * day alone ("Dec 15") when it is further off or the task is submitted.
 */
export function dueShort(task: Pick<TrackedTask, 'dueDate' | 'state'>, now: number): { text: string; urgency?: string; words?: boolean } | undefined {
  if (!task.dueDate) return undefined;
  const day = parseDueDate(task.dueDate);
  const short = day ? formatShortDay(Date.UTC(day.year, day.month - 1, day.day)) : task.dueDate;
  if (task.state === 'submitted') return { text: short };
  const words = dueWords(task.dueDate, now);
  if (!words) return { text: task.dueDate };
  // "overdue by 2 days" says "due" as well: `words`.
  return words.urgency === 'later' ? { text: short, urgency: words.urgency } : { text: words.text, urgency: words.urgency, words: true };
}

/**
 * One line (task, campaign, state, due) that opens the task: its details, buttons and step
 * checklist. `expanded` is where it starts (the current tab's task); a click or Enter/Space on
 * the line toggles it.
 */
export const TaskCard = memo(function TaskCard({
  task,
  now,
  expanded: startExpanded = false,
  showAccount = false,
  onTab = false,
  headingLevel = 3,
}: {
  task: TrackedTask;
  now: number;
  expanded?: boolean;
  /** Name the account on the line (the creator works for more than one). */
  showAccount?: boolean;
  /** The task's page is the active tab: no "Open on impact.com", the creator is there. */
  onTab?: boolean;
  headingLevel?: 2 | 3;
}) {
  const headingId = useId();
  const [expanded, setExpanded] = useState(startExpanded);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const due = dueShort(task, now);

  return (
    <article className="task-card" aria-labelledby={`${headingId} ${headingId}-campaign`} data-task-key={task.key} data-expanded={expanded}>
      <Heading className="task-line-heading">
        <button type="button" className="task-line" aria-expanded={expanded} aria-controls={`${headingId}-body`} onClick={() => setExpanded((e) => !e)}>
          <span className="chevron" aria-hidden="true" />
          {/* Two lines: the campaign (often the only thing that tells tasks apart: most are
              "TikTok Video"), then the task and account. The " · " stays for screen readers. */}
          <span className="task-line-names" title={[campaignLabel(task), taskLabel(task), showAccount ? task.accountName : ''].filter(Boolean).join(' · ')}>
            <span id={`${headingId}-campaign`} className="campaign-name">
              {campaignLabel(task)}
            </span>
            <span className="visually-hidden"> · </span>
            <span className="task-sub muted">
              <span id={headingId} className="task-title">
                {taskLabel(task)}
              </span>
              {showAccount && task.accountName && ` · ${task.accountName}`}
            </span>
          </span>
          <StateBadge state={task.state} />
          {due && (
            <span className="due line-due" data-urgency={due.urgency}>
              {/* "Dec 15" alone says "due" to the eye by its place; a screen reader says it. */}
              {!due.words && <span className="visually-hidden">{t('due.hidden')} </span>}
              {due.text}
            </span>
          )}
        </button>
      </Heading>
      <div id={`${headingId}-body`} className="task-body" hidden={!expanded}>
        {expanded && <TaskDetails task={task} now={now} onTab={onTab} />}
      </div>
    </article>
  );
});

function TaskDetails({ task, now, onTab }: { task: TrackedTask; now: number; onTab: boolean }) {
  const { send, error } = useBackground();
  const [qrOpen, setQrOpen] = useState(false);
  const link = offerableInviteLink(task);
  const problem = inviteLinkProblem(task);
  const code = offerableCampaignCode(task);
  /** The QR code was shown from this card: scanning is the creator's part, posting comes next. */
  const [qrShown, setQrShown] = useState(false);
  // The creator's next step in the help article's order: the card's one filled button.
  const next = nextAction(task, { link: !!link && !problem, code: !!code, qrShown, retry: true });
  const primary = (action: ReturnType<typeof nextAction>) => (action === next ? 'primary' : undefined);
  // Posted and after: copying or scanning again cannot help. Before: the chosen path's
  // buttons (the checklist's radio switches paths), the other path's only when this one has
  // nothing to copy.
  const offerCopy = !isPastPosting(task.state);
  const linkUsable = !!link && !problem;
  const offerLink = linkUsable && (task.path === 'inviteLink' || !code);
  const offerCode = !!code && (task.path === 'campaignCode' || !linkUsable);
  const key = task.key;
  // Retry scheduled / Needs attention: what happened and what to do, in the page strip's words.
  const failed = afterFailedRetrieve(task, now);

  return (
    <>
      {/* Who and where in one line; the due day in full (the line above says it short). */}
      <p className="task-meta muted">
        {[task.brand, task.accountName].filter(Boolean).join(' · ')}
        {task.brand || task.accountName ? ' · ' : ''}
        {t('task.impactStatus', { status: task.impactStatus ?? t('task.statusUnknown') })} · <DueDate dueDate={task.dueDate} state={task.state} now={now} />
      </p>
      {failed && (
        <p className="notice">
          {failed.reason && `${failed.reason} `}
          <strong>{t('task.whatToDo')}</strong> {failed.action}
        </p>
      )}
      {task.state === 'submitted' && <p className="done-note">{t('task.done')}</p>}

      {problem && <InviteLinkProblem problem={problem} />}
      <div className="actions">
        {offerCopy && offerLink && (
          <>
            <CopyButton
              text={link}
              label={t('action.copyInviteLink')}
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
              {t('action.showQr')}
            </button>
          </>
        )}
        {offerCopy && offerCode && (
          <CopyButton
            text={code}
            label={t('action.copyCampaignCode')}
            className={primary('copyCampaignCode')}
            onCopied={() => void send({ type: 'setStep', key, step: 'codeCopied', done: true })}
          />
        )}
        {canMarkPosted(task.state) && (
          <button type="button" className={primary('markPosted')} onClick={() => void send({ type: 'markPosted', key })}>
            {t('action.markPosted')}
          </button>
        )}
        {canRetryNow(task.state) && (
          <button type="button" className={primary('retryNow')} onClick={() => void send({ type: 'retryNow', key })}>
            {t('action.retryNow')}
          </button>
        )}
        {canUndoPosted(task.state) && (
          <button type="button" onClick={() => void send({ type: 'undoPosted', key })}>
            {t('action.undoPosted')}
          </button>
        )}
        {!onTab && (
          <button type="button" onClick={() => void send({ type: 'openTask', key })}>
            {t('action.openOnImpact')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {task.state !== 'submitted' && (
        <StepChecklist
          task={task}
          onToggle={async (step, done) => (await send({ type: 'setStep', key, step, done })).ok}
          onChoosePath={async (path) => (await send({ type: 'choosePath', key, path })).ok}
        />
      )}
      {qrOpen && link && <QrDialog link={link} subject={qrSubject(campaignLabel(task), taskLabel(task))} onClose={() => setQrOpen(false)} />}
    </>
  );
}
