import { t } from '@/utils/i18n';
import { saysNotTikTokLink } from '@/utils/invite-link';

/** An invite link that failed validation: say so, and offer nothing to copy or scan. */
export function InviteLinkProblem({ problem }: { problem: string }) {
  const text = saysNotTikTokLink(problem) ? problem : t('invite.problem', { problem });
  return (
    <p role="alert" className="alert">
      {text} {t('invite.useCode')}
    </p>
  );
}
