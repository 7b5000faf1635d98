// Contact names and phones as the backend prints them.
import type { Contact } from '../state/types';

export function contactName(contact: Contact | undefined | null): string {
  if (!contact) return '';
  const name = [contact.firstname, contact.middlename, contact.lastname].filter(Boolean).join(' ');
  return name || contact.email || `Contact ${contact.id}`;
}

/** "15551230001" → "+1 (555) 123-0001" (NANP), else "+<digits>". */
export function formatPhone(digits: string): string {
  const d = digits.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('1')) return `+1 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`;
  return d ? `+${d}` : '';
}
