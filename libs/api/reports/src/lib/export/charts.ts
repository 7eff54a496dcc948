/**
 * Charts as SVG, rendered on the server by ECharts (SSR: no DOM, no canvas), for the PDF. Every
 * instance is disposed after rendering. Labels are in the export's language (ECharts' RU locale
 * for its own texts).
 */
import * as echarts from 'echarts';
import type { ReportChartResponse, ReportLanguage } from '@crm/shared/contracts';
import { label, TEXT, VALUE_LABELS } from '../labels';
import { formatNumber } from '../generation/format';

const langRU = require('echarts/i18n/langRU-obj.js');
echarts.registerLocale('RU', langRU.default ?? langRU);

const COLORS = ['#3f51b5', '#e91e63', '#009688', '#ff9800', '#795548', '#607d8b', '#9c27b0', '#4caf50'];

const axisNumber = (lang: ReportLanguage) => (value: number) => {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${formatNumber(value / 1e6, lang, 1)}${lang === 'ru' ? ' млн' : 'M'}`;
  if (abs >= 1e3) return `${formatNumber(value / 1e3, lang, 0)}${lang === 'ru' ? ' тыс.' : 'k'}`;
  return formatNumber(value, lang, 0);
};

const shorten = (text: string, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function option(chart: ReportChartResponse, lang: ReportLanguage): echarts.EChartsCoreOption {
  const base = { animation: false, color: COLORS, textStyle: { fontFamily: 'Roboto, sans-serif' } };
  if (chart.kind === 'pie') {
    const points = chart.series[0]?.points ?? [];
    return {
      ...base,
      legend: { orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '70%'],
          center: ['35%', '50%'],
          label: { formatter: '{d}%' },
          data: points.map((p) => ({ name: label(VALUE_LABELS, p.x, lang), value: p.y })),
        },
      ],
    };
  }
  if (chart.kind === 'bar') {
    const points = chart.series[0]?.points ?? [];
    return {
      ...base,
      grid: { left: 150, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: axisNumber(lang) } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: points.map((p) => shorten(label(VALUE_LABELS, p.x, lang), 24)),
      },
      series: [{ type: 'bar', data: points.map((p) => p.y) }],
    };
  }
  const actual = chart.series.find((s) => s.key === 'actual')?.points ?? [];
  const forecast = chart.series.find((s) => s.key === 'forecast')?.points ?? [];
  const periods = [...new Set([...actual.map((p) => p.x), ...forecast.map((p) => p.x)])].sort();
  const at = (points: typeof actual, key: 'y' | 'lower80' | 'upper80' | 'lower95' | 'upper95') =>
    periods.map((x) => {
      const point = points.find((p) => p.x === x);
      return point ? (point[key] ?? null) : null;
    });
  const lower95 = at(forecast, 'lower95');
  const upper95 = at(forecast, 'upper95');
  const lower80 = at(forecast, 'lower80');
  const upper80 = at(forecast, 'upper80');
  const diff = (a: (number | null)[], b: (number | null)[]) =>
    a.map((v, i) => (v === null || b[i] === null ? null : v - (b[i] as number)));
  return {
    ...base,
    legend: { data: [TEXT[lang].actual, TEXT[lang].forecast], top: 0 },
    grid: { left: 70, right: 20, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: periods, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: axisNumber(lang) } },
    series: [
      // The bands: an invisible base at the lower bound, the band's width stacked on it.
      { type: 'line', data: lower95, stack: 'b95', symbol: 'none', lineStyle: { opacity: 0 } },
      {
        type: 'line',
        data: diff(upper95, lower95),
        stack: 'b95',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: '#e91e63', opacity: 0.12 },
      },
      { type: 'line', data: lower80, stack: 'b80', symbol: 'none', lineStyle: { opacity: 0 } },
      {
        type: 'line',
        data: diff(upper80, lower80),
        stack: 'b80',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: '#e91e63', opacity: 0.22 },
      },
      {
        name: TEXT[lang].actual,
        type: 'line',
        data: at(actual, 'y'),
        symbol: 'none',
        lineStyle: { width: 2, color: COLORS[0] },
        itemStyle: { color: COLORS[0] },
      },
      {
        name: TEXT[lang].forecast,
        type: 'line',
        data: at(forecast, 'y'),
        symbol: 'none',
        lineStyle: { width: 2, type: 'dashed', color: COLORS[1] },
        itemStyle: { color: COLORS[1] },
      },
    ],
  };
}

/** The chart as an SVG document, `width` × `height` points. */
export function chartSvg(chart: ReportChartResponse, lang: ReportLanguage, width = 515, height = 240): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width,
    height,
    locale: lang === 'ru' ? 'RU' : 'EN',
  });
  try {
    instance.setOption(option(chart, lang));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
