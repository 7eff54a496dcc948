import { cleanMapping, missingRequired, progressShare } from './import-fields';

describe('import mapping', () => {
  it('names the required fields still unmapped', () => {
    expect(missingRequired('sales', { externalId: 'Номер' })).toEqual(['clientExternalId', 'soldAt']);
    expect(missingRequired('clients', { externalId: 'Код' })).toEqual([]);
  });

  it('keeps only columns of the file and never a column twice as an attribute', () => {
    const columns = ['Код', 'ФИО', 'Город'];
    expect(
      cleanMapping(
        'clients',
        { externalId: 'Код', name: 'ФИО', email: 'Почта', attributes: ['Город', 'ФИО', 'Нет'] },
        columns,
      ),
    ).toEqual({ externalId: 'Код', name: 'ФИО', attributes: ['Город'] });
  });

  it('reports progress only when the row count is known', () => {
    expect(progressShare(50, 200)).toBe(0.25);
    expect(progressShare(5, null)).toBeNull();
    expect(progressShare(300, 200)).toBe(1);
  });
});
