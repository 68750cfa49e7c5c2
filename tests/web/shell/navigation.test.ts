import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../web/src/routes';
import { activeItem, navFor } from '../../../web/src/shell/navigation';

const everything = () => true;

describe('navFor', () => {
  it("reaches every page an administrator may open that takes no parameter (notifications: the bell's 查看全部)", () => {
    const reached = new Set(navFor('admin', everything).map((i) => i.path.split('?')[0]));
    const pages = ROUTES.filter((r) => !r.path.includes(':') && (!r.roles || r.roles.includes('admin')))
      .map((r) => r.path)
      // Starting a programme is the enterprise's and the consultant's; the page only lets an admin look.
      .filter((p) => p !== '/notifications' && p !== '/programmes');
    expect(pages.filter((p) => !reached.has(p))).toEqual([]);
  });

  it("shows the administrators' stuck view, certificates and incentive applications", () => {
    const paths = navFor('admin', everything).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/cases?view=stuck', '/certificates', '/incentives']));
  });

  it('leaves out an entry whose route the server does not offer', () => {
    const paths = navFor('admin', (r) => r !== 'GET /api/incentives').map((i) => i.path);
    expect(paths).not.toContain('/incentives');
  });
});

describe('activeItem', () => {
  const items = navFor('admin', everything);
  const active = (path: string) => {
    const [pathname = '', query] = path.split('?');
    return activeItem(items, pathname, new URLSearchParams(query))?.path;
  };

  it('highlights the entry of the page or of its parent', () => {
    expect(active('/')).toBe('/');
    expect(active('/cases/cas_1')).toBe('/cases');
    expect(active('/admin/reference/ref_1')).toBe('/admin/reference');
  });

  it('prefers the entry whose query the location has (the stuck view, with its filters)', () => {
    expect(active('/cases')).toBe('/cases');
    expect(active('/cases?district=440103')).toBe('/cases');
    expect(active('/cases?view=stuck&district=440103')).toBe('/cases?view=stuck');
  });
});
