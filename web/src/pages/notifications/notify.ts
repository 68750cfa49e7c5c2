/**
 * Keeps the shell's unread count in step with the notifications page: whoever marks notifications read
 * announces it, the bell reloads. A DOM event, so neither needs the other's state.
 */
const EVENT = 'cpflow:notifications-changed';

export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}

/** Only in-app paths are followed (a notification link is data). */
export function safeLink(link: string | undefined): string | undefined {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : undefined;
}
