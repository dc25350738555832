// Object age as kubectl prints it, from creationTimestamp and a `now` passed in (tests hold it).

/** `45s`, `12m`, `5h`, `3d`; `-` when the timestamp is missing or unreadable. */
export function formatAge(created: string | undefined, now: Date): string {
  const start = created ? Date.parse(created) : Number.NaN;
  if (Number.isNaN(start)) return '-';
  const seconds = Math.max(0, Math.floor((now.getTime() - start) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
