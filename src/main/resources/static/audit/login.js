'use strict';
// Logs in through the Camunda webapps' own login, as Cockpit does: the session it makes is the one
// the project's API, Tasklist and Cockpit accept. Then back to the page that was asked for: of the
// auditors' pages, of My trips, of the disclosure board or of the passports (their login.html names its home with
// data-home).
(() => {
  const WEBAPP_LOGIN = '/camunda/api/admin/auth/user/default';
  const HOME = ['/trips/', '/disclosure/', '/passports/'].includes(document.body.dataset.home)
    ? document.body.dataset.home : '/audit/';
  const AREA = HOME.slice(0, -1);
  // the engine refuses every login of a user for 3 s after a wrong password, longer after more
  // (application.yaml, login-delay-*): the button waits the shortest of these
  const FIRST_DELAY_MS = 3000;
  const button = document.getElementById('loginButton');
  const error = document.getElementById('loginError');

  // the pages a login goes back to: its own, and /mail (each user's own mail, ADR 0014)
  const PAGES = [AREA, '/mail'];

  /** Where to go after logging in: one of those pages on this origin, nothing else. */
  function returnTarget(next) {
    let url;
    try {
      url = new URL(next || HOME, location.origin);
    } catch (e) {
      return HOME;
    }
    const ours = url.origin === location.origin
      && PAGES.some(page => url.pathname === page || url.pathname.startsWith(page + '/'))
      && url.pathname !== location.pathname;
    return ours ? url.pathname + url.search + url.hash : HOME;
  }

  // someone who came to read their mail is not told that this is the auditors' workspace
  const title = document.getElementById('pageTitle');
  if (title && returnTarget(new URLSearchParams(location.search).get('next')).startsWith('/mail')) {
    title.textContent = '因公出国审批 · 邮件 Official trips abroad · Mail';
    document.title = '登录 Log in · 邮件 Mail';
  }

  /**
   * The CSRF token of this session, which Camunda's CSRF filter asks of every login: in a header of
   * a new session's first read; for a session that had one already, from our API, since its
   * cookie belongs to the pages under /camunda.
   */
  async function csrfToken() {
    const who = await fetch(WEBAPP_LOGIN, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    const token = who.headers.get('X-XSRF-TOKEN');
    if (token) {
      return token;
    }
    const answer = await fetch('/api/webapp-login/csrf-token', { credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' } });
    return answer.ok ? ((await answer.json()).token || '') : '';
  }

  async function logIn(username, password, again) {
    const response = await fetch(WEBAPP_LOGIN + '/login/welcome', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json',
        'X-XSRF-TOKEN': await csrfToken() },
      body: new URLSearchParams({ username, password })
    });
    // a token that no longer fits (the session timed out meanwhile): the filter ended that session,
    // and the next read starts one with a new token
    if (response.status === 403 && again) {
      return logIn(username, password, false);
    }
    return response.status;
  }

  function wait() {
    button.disabled = true;
    button.textContent = '请稍候 Please wait';
    setTimeout(() => {
      button.disabled = false;
      button.textContent = '登录 Log in';
    }, FIRST_DELAY_MS);
  }

  document.getElementById('loginForm').addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    const username = document.getElementById('username').value.trim();
    const password = document.getElementById('password');
    let status;
    try {
      status = await logIn(username, password.value, true);
    } catch (e) {
      status = 0;
    }
    if (status === 200) {
      location.replace(returnTarget(new URLSearchParams(location.search).get('next')));
      return;
    }
    button.disabled = false;
    if (status === 401) {
      error.textContent = '用户名或密码不正确。输错密码后须等几秒(起初3秒,最长30秒)才能再登录,其间密码正确也会被拒绝。'
        + ' Wrong user name or password. After a wrong password, logging in is refused for a few seconds'
        + ' (3 at first, at most 30), even with the right password: wait, then try again.';
      password.value = '';
      password.focus();
      wait();
    } else if (status === 0) {
      error.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
    } else {
      error.textContent = '登录失败(HTTP ' + status + '),请稍后再试。 Logging in failed (HTTP ' + status + '): try again later.';
    }
  });
})();
