// Links in Tasklist's header (Camunda's plugin API: config.js customScripts, plugin point
// tasklist.navbar.action): to My trips (我的出访), where applicants follow their trips and withdraw
// one before departure, shown to members of the applicants' group only, asked as Tasklist itself
// asks (who is logged in, and their groups), so that nobody else's Tasklist calls My trips to be
// refused; and to the disclosure board (公示栏), shown to whoever has a board to read (the members
// of a unit, the foreign affairs office).
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
    // the unit's disclosure board (公示栏), for whoever has one to read: a unit's members, the office
    const board = document.createElement('a');
    board.id = 'disclosureBoardLink';
    board.href = '/disclosure/';
    board.textContent = '公示栏 Disclosure board';
    board.style.display = 'none';
    board.style.marginLeft = '12px';
    node.appendChild(board);
    fetch('/api/disclosure', {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}})
      .then(json)
      .then(answer => {
        if ((answer.boards || []).length > 0) {
          board.style.display = '';
        }
      })
      .catch(() => {});
  }
};
