'use strict';
(() => {
  const form = document.getElementById('search');
  function offer(picker, value, text) {
    const option = Audit.el('option', text);
    option.value = value;
    document.getElementById(picker).appendChild(option);
  }

  // the pickers offer words; the codes go to the search
  async function pickers() {
    Audit.words('tripStatuses').forEach(status => offer('status', status, Audit.label(status, 'tripStatuses')));
    Audit.words('rules').forEach(rule => offer('finding', rule, Audit.label(rule, 'rules')));
    const units = await Audit.get('/api/audit/units');
    Object.entries(units).forEach(([code, name]) => offer('unit', code, name));
    document.querySelectorAll('[data-trip-status]').forEach(heading => {
      heading.textContent = Audit.label(heading.dataset.tripStatus, 'tripStatuses');
    });
  }
  let page = 0;
  const size = 20;

  function filters() {
    const parameters = new URLSearchParams();
    new FormData(form).forEach((value, name) => {
      const text = String(value).trim();
      if (text) {
        parameters.set(name, name === 'country' ? text.toUpperCase() : text);
      }
    });
    return parameters;
  }

  // the number of the latest search: an answer to an earlier one that arrives later is dropped
  let latest = 0;

  async function search() {
    const mine = ++latest;
    const parameters = filters();
    document.getElementById('csv').href = '/api/audit/trips.csv?' + parameters;
    parameters.set('page', page);
    parameters.set('size', size);
    const error = document.getElementById('searchError');
    error.textContent = '';
    const body = document.querySelector('#results tbody');
    try {
      const result = await Audit.get('/api/audit/trips?' + parameters);
      if (mine !== latest) {
        return;
      }
      body.textContent = '';
      result.trips.forEach(trip => {
        const link = Audit.el('a', trip.departureDate || '—');
        link.href = 'trip.html?id=' + encodeURIComponent(trip.processInstanceId);
        link.className = 'trip-link';
        link.dataset.trip = trip.processInstanceId;
        body.appendChild(Audit.row([trip.requestNumber || '—', link, trip.returnDate, trip.applicantName, trip.unitName,
          trip.members.join('、'), trip.countryNames.join('、'), Audit.label(trip.status, 'tripStatuses'), trip.approvalNumber,
          Audit.label(trip.reportStatus, 'reportStatuses'), findingWords(trip.findings)]));
      });
      Audit.labelCells(document.getElementById('results'));
      const pages = Math.max(1, Math.ceil(result.total / size));
      const count = result.total + (result.totalExact ? '' : '+');
      document.getElementById('total').textContent = '共 ' + count + ' 条 / ' + count + ' trips'
        + (result.totalExact ? '' : ' (请缩小检索范围或导出CSV / narrow the search or export the CSV)');
      document.getElementById('pageInfo').textContent = (page + 1) + ' / ' + pages;
      document.getElementById('previous').disabled = page === 0;
      document.getElementById('next').disabled = page + 1 >= pages;
    } catch (e) {
      Audit.showError(error, e);
    }
  }

  // the units last counted, drawn again when the page's width changes
  let charted = [];

  function chart(units) {
    charted = units;
    const svg = document.getElementById('chart');
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    const max = Math.max(1, ...units.map(unit => unit.trips));
    const ns = 'http://www.w3.org/2000/svg';
    const height = units.length * 28 + 10;
    // as wide as the page allows, at most 900: the words keep their size on a phone
    const box = getComputedStyle(svg.parentNode);
    const room = svg.parentNode.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
    const width = Math.max(300, Math.min(900, room || 900));
    const names = Math.min(160, Math.round(width * 0.28));
    const bars = width - names - 170;
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    units.forEach((unit, i) => {
      const y = 5 + i * 28;
      const name = document.createElementNS(ns, 'text');
      name.setAttribute('x', '0');
      name.setAttribute('y', String(y + 15));
      name.textContent = unit.unitName;
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(names));
      bar.setAttribute('y', String(y));
      bar.setAttribute('height', '20');
      bar.setAttribute('width', String(Math.round(bars * unit.trips / max)));
      bar.setAttribute('fill', '#b5152b');
      const rejected = document.createElementNS(ns, 'rect');
      rejected.setAttribute('x', String(names));
      rejected.setAttribute('y', String(y));
      rejected.setAttribute('height', '20');
      rejected.setAttribute('width', String(Math.round(bars * unit.rejected / max)));
      rejected.setAttribute('fill', '#555');
      const count = document.createElementNS(ns, 'text');
      count.setAttribute('x', String(names + 6 + Math.round(bars * unit.trips / max)));
      count.setAttribute('y', String(y + 15));
      count.textContent = unit.trips + ' (未批准 rejected ' + unit.rejected + ')';
      [name, bar, rejected, count].forEach(node => svg.appendChild(node));
    });
  }

  window.addEventListener('resize', () => chart(charted));

  // each rule a finding names, once, in words
  function findingWords(findings) {
    return findings ? [...new Set(findings.split(','))].map(rule => Audit.label(rule.trim(), 'rules')).join('、') : '';
  }

  // the median of whole working days is whole, or half-way between two
  function timeToApproval(time) {
    if (time.medianWorkingDays == null) {
      return '—';
    }
    const median = time.medianWorkingDays;
    return (Number.isInteger(median) ? String(median) : median.toFixed(1)) + ' (' + time.trips + ')';
  }

  // as for the search: only the answer for the year picked last is shown
  let latestStatistics = 0;

  async function statistics() {
    const mine = ++latestStatistics;
    const year = document.getElementById('year').value;
    const error = document.getElementById('statisticsError');
    error.textContent = '';
    try {
      const result = await Audit.get('/api/audit/statistics?year=' + encodeURIComponent(year));
      if (mine !== latestStatistics) {
        return;
      }
      const body = document.querySelector('#statisticsTable tbody');
      body.textContent = '';
      result.units.forEach(unit => body.appendChild(Audit.row([unit.unitName, unit.trips, unit.members, unit.daysAbroad,
        unit.countries, unit.planned + ' / ' + unit.unplanned, unit.rejected, unit.withdrawn, unit.overdueReports,
        timeToApproval(unit.timeToApproval),
        unit.rejectionReasons.map(r => r.reason + ' ×' + r.count).join(';')])));
      Audit.labelCells(document.getElementById('statisticsTable'));
      chart(result.units);
    } catch (e) {
      Audit.showError(error, e);
    }
  }

  form.addEventListener('submit', event => { event.preventDefault(); page = 0; search(); });
  document.getElementById('previous').addEventListener('click', () => { page -= 1; search(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; search(); });
  document.getElementById('statistics').addEventListener('submit', event => { event.preventDefault(); statistics(); });
  document.getElementById('year').addEventListener('change', () => statistics());
  // the picker offers the years that have trips and opens on the latest of them
  async function years() {
    const picker = document.getElementById('year');
    try {
      const result = await Audit.get('/api/audit/statistics/years');
      const offered = result.years.length ? result.years : [new Date().getFullYear()];
      offered.forEach(year => {
        const option = Audit.el('option', String(year));
        option.value = String(year);
        picker.appendChild(option);
      });
      picker.dataset.ready = 'true';
      await statistics();
    } catch (e) {
      Audit.showError(document.getElementById('statisticsError'), e);
    }
  }
  // one call after the other: the words first, then the search, so that what a visitor may see is
  // answered once; no first search if the visitor has already searched
  Audit.loadVocabulary()
    .then(pickers)
    .then(() => (latest === 0 ? search() : undefined),
      e => Audit.showError(document.getElementById('searchError'), e))
    .then(years);
})();
