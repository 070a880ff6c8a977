// A link in Tasklist's header (Camunda's plugin API: config.js customScripts, plugin point
// tasklist.navbar.action) to My trips (我的出访), where applicants follow their trips and withdraw one
// before departure. Shown to those whom My trips answers, the applicants.
export default {
  id: 'trips.myTripsLink',
  pluginPoint: 'tasklist.navbar.action',
  priority: 200,
  render: node => {
    const link = document.createElement('a');
    link.id = 'myTripsLink';
    link.href = '/trips/';
    link.textContent = '我的出访 My trips';
    link.style.display = 'none';
    node.appendChild(link);
    fetch('/api/my-trips', {
      credentials: 'same-origin',
      headers: {'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json'}
    })
      .then(response => {
        if (response.ok) {
          link.style.display = '';
        }
      })
      .catch(() => {});
  }
};
