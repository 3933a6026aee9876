import { vi } from 'vitest';

/**
 * What jsdom lacks and the item pages use: `matchMedia` (answers "no match", so the phone layout
 * and no hover) and modal dialogs, opened and closed as the browser does (`close` fires its event).
 * Component tests call it before each test.
 */
export function stubPageApis(): void {
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener: vi.fn(), removeEventListener: vi.fn() })) as unknown as typeof window.matchMedia;
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
