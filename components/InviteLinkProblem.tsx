/** An invite link that failed validation: say so, and offer nothing to copy or scan. */
export function InviteLinkProblem({ problem }: { problem: string }) {
  const text = /not a TikTok link/i.test(problem) ? problem : `The invite link is not a TikTok link we can offer: ${problem}`;
  return (
    <p role="alert" className="alert">
      {text} Use the campaign code, or check the link on impact.com.
    </p>
  );
}
