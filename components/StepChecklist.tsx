/**
 * The seed article's steps on the path the creator picked (invite link or campaign code).
 * Every step can be ticked and unticked; the next step to do shows where and how (the TikTok
 * app's menu path). The boxes follow storage; a click shows at once and is confirmed by the
 * background.
 */
import { useEffect, useId, useState } from 'react';
import { DELIVERY_PATHS, type DeliveryPath, type StepId, type TrackedTask } from '@/utils/tracker/schema';
import { PATH_LABELS, menuPathText, stepLabel, stepsFor } from '@/utils/tracker/steps';
import { formatNumber, t } from '@/utils/i18n';

export function StepChecklist({
  task,
  onToggle,
  onChoosePath,
}: {
  task: TrackedTask;
  /** Resolves to false when the background refused the change. */
  onToggle: (step: StepId, done: boolean) => Promise<boolean>;
  onChoosePath: (path: DeliveryPath) => Promise<boolean>;
}) {
  const id = useId();
  // Optimistic values until this task is written again (the background's answer), or
  // dropped at once when the background refuses.
  const [pendingSteps, setPendingSteps] = useState<Partial<Record<StepId, boolean>>>({});
  const [pendingPath, setPendingPath] = useState<DeliveryPath>();
  useEffect(() => {
    setPendingSteps({});
    setPendingPath(undefined);
  }, [task.key, task.updatedAt]);

  const path = pendingPath ?? task.path;
  const steps = stepsFor(path);
  const isDone = (step: StepId) => pendingSteps[step] ?? task.steps[step] !== undefined;
  const done = steps.filter((s) => isDone(s.id)).length;
  // Directions for the next step only (and the one after an optional step still open): the
  // list stays short enough that other tasks fit in the popup beside it.
  const directed = new Set<StepId>();
  for (const step of steps) {
    if (isDone(step.id)) continue;
    directed.add(step.id);
    if (!(step.optional && !task.authorizationDays)) break;
  }

  return (
    <div className="checklist">
      <fieldset className="path-choice">
        <legend>{t('steps.linkWith')}</legend>
        {DELIVERY_PATHS.map((p) => (
          <label key={p}>
            <input
              type="radio"
              name={`${id}-path`}
              value={p}
              checked={path === p}
              onChange={async () => {
                setPendingPath(p);
                if (!(await onChoosePath(p))) setPendingPath(undefined);
              }}
            />
            {PATH_LABELS[p]}
          </label>
        ))}
      </fieldset>
      <fieldset className="steps">
        <legend>{t('steps.progress', { done: formatNumber(done), total: formatNumber(steps.length) })}</legend>
        <ol>
          {steps.map((step) => {
            const inputId = `${id}-${step.id}`;
            const stepDone = isDone(step.id);
            const menu = directed.has(step.id) ? menuPathText(step) : '';
            const hint = directed.has(step.id) ? step.hint : undefined;
            const describedBy = menu || hint ? `${inputId}-where` : undefined;
            return (
              <li key={step.id}>
                <input
                  id={inputId}
                  type="checkbox"
                  checked={stepDone}
                  aria-describedby={describedBy}
                  onChange={async (e) => {
                    const value = e.currentTarget.checked;
                    setPendingSteps((p) => ({ ...p, [step.id]: value }));
                    if (!(await onToggle(step.id, value))) {
                      setPendingSteps(({ [step.id]: _dropped, ...rest }) => rest);
                    }
                  }}
                />
                <label htmlFor={inputId}>
                  {/* Optional in the help article, unless this task's Statement of Work asks for a window (as the page says). */}
                  {step.optional && !task.authorizationDays
                    ? t('steps.optional', { label: stepLabel(step, task.authorizationDays) })
                    : stepLabel(step, task.authorizationDays)}
                </label>
                {describedBy && (
                  <div id={describedBy} className="step-where">
                    {menu && (
                      <div className="menu-path">
                        {/* The TikTok app's own menu names, as the help article gives them (English). */}
                        <span className="muted">{t('steps.inApp')}</span> <span lang="en">{menu}</span>
                      </div>
                    )}
                    {hint && <div className="muted">{hint}</div>}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
    </div>
  );
}
