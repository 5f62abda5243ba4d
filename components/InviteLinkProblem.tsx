import { t } from '@/utils/i18n';

/** An invite link that failed validation: say so, and offer nothing to copy or scan. */
export function InviteLinkProblem({ problem }: { problem: string }) {
  const text = /not a TikTok link/i.test(problem) ? problem : t('invite.problem', { problem });
  return (
    <p role="alert" className="alert">
      {text} {t('invite.useCode')}
    </p>
  );
}
