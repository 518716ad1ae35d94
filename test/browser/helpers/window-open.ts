/**
 * window.open replaced for the length of `use`: the URLs the page opened are recorded, and each
 * call answers `answer` (`null` is what a pop-up blocker returns; `{}` stands for an opened tab).
 */
export async function withWindowOpen(answer: Window | null, use: (opened: string[]) => Promise<void>): Promise<void> {
  const opened: string[] = [];
  const realOpen = window.open;
  window.open = ((url: string) => {
    opened.push(url);
    return answer;
  }) as typeof window.open;
  try {
    await use(opened);
  } finally {
    window.open = realOpen;
  }
}
