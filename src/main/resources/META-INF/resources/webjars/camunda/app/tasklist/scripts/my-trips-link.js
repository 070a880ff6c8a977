// A link in Tasklist's header (Camunda's plugin API: config.js customScripts, plugin point
// tasklist.navbar.action) to My trips (我的出访), where applicants follow their trips and withdraw one
// before departure. Shown to members of the applicants' group only, asked as Tasklist itself asks
// (who is logged in, and their groups), so that nobody else's Tasklist calls My trips to be refused.
const APPLICANTS = 'applicants';
const JSON_ONLY = {credentials: 'same-origin', headers: {Accept: 'application/json'}};

function json(response) {
  return response.ok ? response.json() : Promise.reject(response.status);
}

export default {
  id: 'trips.myTripsLink',
  pluginPoint: 'tasklist.navbar.action',
  priority: 200,
  render: (node, {api}) => {
    const link = document.createElement('a');
    link.id = 'myTripsLink';
    link.href = '/trips/';
    link.textContent = '我的出访 My trips';
    link.style.display = 'none';
    node.appendChild(link);
    fetch(api.adminApi + '/auth/user/' + api.engine, JSON_ONLY)
      .then(json)
      .then(user =>
        fetch(api.engineApi + '/identity/groups?userId=' + encodeURIComponent(user.userId), JSON_ONLY)
      )
      .then(json)
      .then(identity => {
        if ((identity.groups || []).some(group => group.id === APPLICANTS)) {
          link.style.display = '';
        }
      })
      .catch(() => {});
  }
};
