/**
 * A desktop notification for a call that rings while the page is hidden (`notify`). Permission is
 * asked only from a user gesture (browsers ignore or penalise other asks). Tabs showing the same
 * call create notifications with the same tag, so the agent sees one, and clicking it brings this
 * tab and the card forward.
 */
export function canNotify(): boolean {
  return typeof Notification !== 'undefined';
}

/** Call from a click/keydown handler only. */
export function askNotificationPermission(): void {
  if (canNotify() && Notification.permission === 'default') void Notification.requestPermission().catch(() => {});
}

export function notifyCall(title: string, body: string, tag: string, onClick: () => void): Notification | undefined {
  if (!canNotify() || Notification.permission !== 'granted') return undefined;
  try {
    const notification = new Notification(title, { body, tag, requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
    return notification;
  } catch {
    return undefined; // some browsers allow notifications from service workers only
  }
}
