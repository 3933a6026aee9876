import { fireEvent, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ProfileSwitcher } from '@/components/layout/profile-switcher';
import type { ProfileSwitchView } from '@/lib/memberships/types';
import { stubbedApiServer } from '@/tests/support/msw-page-api';

// The header's profile switcher against a stubbed /api/memberships (msw) that refuses the switch.
const server = stubbedApiServer();

const VIEW: ProfileSwitchView = {
  profiles: [
    { membershipId: '4611186800000000001', membershipType: 3, displayName: 'Guardian', platform: 'Steam' },
    { membershipId: '4611186800000000002', membershipType: 2, displayName: 'Psn-Name', platform: 'PlayStation' },
  ],
  activeId: '4611186800000000001',
};

describe('ProfileSwitcher', () => {
  it('names each profile by platform and name, under the label "Destiny profile"', () => {
    render(<ProfileSwitcher view={VIEW} />);
    const select = screen.getByRole('combobox', { name: 'Destiny profile' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Steam · Guardian', 'PlayStation · Psn-Name']);
    expect(select.value).toBe('4611186800000000001');
  });

  it('a refused switch says why in the server\'s sentence and shows the profile still in use', async () => {
    const sent: unknown[] = [];
    server.use(
      http.put('*/api/memberships', async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json({ error: { code: 'unknown_profile', message: 'Bungie.net does not list that Destiny profile for your account (anymore).' } }, { status: 404 });
      }),
    );
    render(<ProfileSwitcher view={VIEW} />);
    const select = screen.getByRole('combobox', { name: 'Destiny profile' }) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: '4611186800000000002' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not list that Destiny profile/);
    expect(sent).toEqual([{ membershipId: '4611186800000000002' }]);
    expect(select.value).toBe('4611186800000000001');
    expect(select.disabled).toBe(false);
  });
});
