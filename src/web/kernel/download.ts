/** Saving something the API returned (an anchor, recovery codes) as a file, without leaving the page. */
export function saveFile(options: { fileName: string; content: string; type: string }): void {
  const blob = new Blob([options.content], { type: options.type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = options.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
