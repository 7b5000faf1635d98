/**
 * Shop-Script's order format, e.g. "#100{$order.id}" → "#1003". Only the id placeholder is
 * understood; a format without it falls back to "#<id>".
 */
export function formatOrderNumber(orderId: number, format: string | null): string {
  if (!format?.includes('{$order.id}')) return `#${orderId}`;
  return format.split('{$order.id}').join(String(orderId));
}
