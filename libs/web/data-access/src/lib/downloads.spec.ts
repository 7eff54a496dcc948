import { HttpHeaders, HttpResponse } from '@angular/common/http';
import { fileNameOf, saveBlob } from './downloads';

describe('fileNameOf', () => {
  it('reads the UTF-8 name first, then the plain one, then falls back', () => {
    const both = `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('Отчёт.pdf')}`;
    expect(fileNameOf(both, 'report.pdf')).toBe('Отчёт.pdf');
    expect(fileNameOf('attachment; filename="clients.csv"', 'x.csv')).toBe('clients.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A; filename=plain.csv", 'x.csv')).toBe('plain.csv');
    expect(fileNameOf(null, 'sales.xlsx')).toBe('sales.xlsx');
  });
});

describe('saveBlob', () => {
  it('clicks a download link named as the server said and answers the name', () => {
    const clicked: string[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = () => 'blob:report';
    URL.revokeObjectURL = (url: string) => revoked.push(url);
    jest.useFakeTimers();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(`${this.download} ${this.href}`);
    });
    try {
      const response = new HttpResponse({
        body: new Blob(['a;b']),
        headers: new HttpHeaders({ 'Content-Disposition': 'attachment; filename="sales.csv"' }),
      });
      expect(saveBlob(response, 'export.csv')).toBe('sales.csv');
      expect(clicked).toEqual(['sales.csv blob:report']);
      expect(document.querySelector('a[download]')).toBeNull();
      jest.runAllTimers();
      expect(revoked).toEqual(['blob:report']);
    } finally {
      jest.useRealTimers();
      click.mockRestore();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    }
  });
});
