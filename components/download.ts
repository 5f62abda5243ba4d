/** Save text as a file through the browser's normal download (no extra permission needed). */
export function downloadFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Firefox starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
