// A notice in Tasklist's header (Camunda's plugin API: config.js customScripts, plugin point
// tasklist.navbar.action) for the foreign affairs office and the administrators while a working-day
// calendar the office needs is not loaded (GET /api/calendar/coverage): this year's, and from
// December on next year's. Until it is, the deadlines in that year are counted Monday to Friday.
const WHO_CARES = ['foreign-affairs-office', 'camunda-admin'];
const JSON_ONLY = {credentials: 'same-origin', headers: {Accept: 'application/json'}};

function json(response) {
  return response.ok ? response.json() : Promise.reject(response.status);
}

export default {
  id: 'trips.calendarNotice',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node, {api}) => {
    const notice = document.createElement('span');
    notice.id = 'calendarNotice';
    notice.setAttribute('role', 'status');
    notice.style.cssText =
      'display:none;margin-left:12px;padding:2px 8px;border-radius:3px;' +
      'background:#fcf8e3;color:#8a6d3b;border:1px solid #faebcc;white-space:normal';
    node.appendChild(notice);
    fetch(api.adminApi + '/auth/user/' + api.engine, JSON_ONLY)
      .then(json)
      .then(user =>
        fetch(api.engineApi + '/identity/groups?userId=' + encodeURIComponent(user.userId), JSON_ONLY)
      )
      .then(json)
      .then(identity => {
        if (!(identity.groups || []).some(group => WHO_CARES.includes(group.id))) {
          return Promise.reject('not for this user');
        }
        return fetch('/api/calendar/coverage', JSON_ONLY);
      })
      .then(json)
      .then(coverage => {
        if ((coverage.missing || []).length > 0) {
          const years = coverage.missing;
          notice.textContent =
            '⚠ ' + years.map(year => year + '年').join('、') + '工作日历未载入 ' +
            'Working-day calendar of ' + years.join(', ') + ' not loaded';
          notice.title = coverage.warning;
          notice.style.display = 'inline-block';
        }
      })
      .catch(() => {});
  }
};
