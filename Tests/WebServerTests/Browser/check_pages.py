#!/usr/bin/env python3
"""Checks pages of a running Insyn server in headless Chromium for accessibility.

Each page is loaded in Swedish and in English (English through `?lang=en` and
`Accept-Language: en`), at 1280 and at 320 CSS pixels wide. On each, axe-core 4.x
(the axe.min.js that the PyPI package axe-playwright-python carries, injected
with selenium's execute_script) runs the WCAG 2.0/2.1 A and AA rules; at 320 px
the page must not scroll sideways. Every problem is printed, one a line; the
exit status is 0 only when there is none.

A path may be prefixed by the HTTP status it must answer with, `410:/meetings/7`;
without one it must answer 200. A path ending in `!submit` is a form page: its form
is sent as it stands (empty), and the page that answers is the one checked, so the
form's error summary and errors beside its fields are checked too:
`400:/sign-in!submit`.

    python check_pages.py --base-url http://127.0.0.1:8080 / /feeds/meetings.atom 404:/nowhere

With `--sign-in EMAIL:PASSWORD`, the pages under /my/, /registrar and /audit/ are
checked in a second browser that signed in through the sign-in form first; the
others stay anonymous. A sent form is sent with its first
`action` button when it has one (save, publish, preview), else its first button.

    python check_pages.py --base-url http://127.0.0.1:8080 --sign-in anna@example.se:secret /my/meetings/from-calendar

Needs Debian's `chromium` and `chromium-driver`, and `pip install selenium axe-playwright-python`.
"""

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 320]
HEIGHTS = {1280: 900, 320: 640}
LANGUAGES = ["sv", "en"]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done({violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}))}))
  .catch(error => done({error: String(error)}));
"""

PAGE_FACTS = """
const navigation = performance.getEntriesByType('navigation')[0];
return {
  status: navigation ? navigation.responseStatus : 0,
  lang: document.documentElement.getAttribute('lang'),
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))
};
"""


@dataclass
class Page:
    path: str
    status: int
    submit: bool = False


def parse_page(argument):
    submit = argument.endswith("!submit")
    if submit:
        argument = argument[:-len("!submit")]
    match = re.fullmatch(r"(\d{3}):(/.*)", argument)
    if match:
        return Page(match.group(2), int(match.group(1)), submit)
    if not argument.startswith("/"):
        raise argparse.ArgumentTypeError(f"a path must start with '/' (or STATUS:/path): {argument!r}")
    return Page(argument, 200, submit)


def submit_form(driver):
    """Sends the page's form as it stands and waits for the page that answers."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import WebDriverException
    buttons = driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit][name=action]")
    button = buttons[0] if buttons else driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]")
    button.click()

    def left_behind(_):
        # The old page's button is gone once the answer replaced the document. Chromedriver
        # says so as a stale element, or, caught mid-navigation, as a node that no longer
        # belongs to the document.
        try:
            button.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 30).until(left_behind)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


SIGNED_IN_PREFIXES = ("/my/", "/registrar", "/audit/")


def sign_in(driver, base_url, credentials):
    """Signs in through the sign-in form; the session cookie stays for the pages that follow."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    email, _, password = credentials.partition(":")
    driver.get(base_url.rstrip("/") + "/sign-in")
    driver.find_element(By.ID, "sign-in-email").send_keys(email)
    driver.find_element(By.ID, "sign-in-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: d.get_cookie("insyn_session") is not None)


def axe_source():
    try:
        import axe_playwright_python
    except ImportError:
        sys.exit("axe-playwright-python is not installed: pip install selenium axe-playwright-python")
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(path, encoding="utf-8") as file:
        return file.read()


def url_for(base_url, path, language):
    parts = urlsplit(base_url.rstrip("/") + path)
    if language == "sv":
        return urlunsplit(parts)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"] + [("lang", language)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def start_browser(language, chromium, chromedriver):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        sys.exit("selenium is not installed: pip install selenium axe-playwright-python")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--lang={language}", f"--accept-lang={language}",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions",
                     "--disable-features=GenerateXSLTWarningBanner"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    user_agent = driver.execute_script("return navigator.userAgent")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setUserAgentOverride", {"userAgent": user_agent, "acceptLanguage": language})
    return driver


def set_width(driver, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": HEIGHTS[width], "deviceScaleFactor": 1, "mobile": False})


def screenshot(driver, directory, page, language, width):
    import base64
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": max(width, size["width"]), "height": min(size["height"], 8000), "scale": 1}})
    slug = (re.sub(r"[^A-Za-z0-9]+", "-", page.path).strip("-") or "start") + ("-sent" if page.submit else "")
    name = os.path.join(directory, f"{slug}-{language}-{width}.png")
    with open(name, "wb") as file:
        file.write(base64.b64decode(shot["data"]))


def console_errors(driver, url):
    errors = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if entry.get("level") != "SEVERE":
            continue
        # The error page itself answering 404 or 410 is what it should do.
        if message.startswith(url.split("#")[0] + " ") and "Failed to load resource" in message:
            continue
        if "/favicon.ico" in message:
            continue
        errors.append(message)
    return errors


def check(driver, axe, base_url, page, language, width, screenshots):
    """Loads one page at one width in one language; returns its problems as lines."""
    url = url_for(base_url, page.path, language)
    where = f"{page.path}{' (form sent)' if page.submit else ''} [{language}, {width} px]"
    set_width(driver, width)
    driver.get(url)
    if page.submit:
        console_errors(driver, url)
        submit_form(driver)
        url = driver.current_url
    problems = [f"{where}: console: {message}" for message in console_errors(driver, url)]
    facts = driver.execute_script(PAGE_FACTS)
    if facts["status"] != page.status:
        problems.append(f"{where}: answered HTTP {facts['status']}, expected {page.status}")
    if not facts["lang"]:
        problems.append(f"{where}: <html> has no lang attribute")
    if width == 320 and facts["scrollWidth"] > facts["innerWidth"]:
        culprits = ", ".join(facts["wide"]) or "unknown elements"
        problems.append(f"{where}: scrolls sideways: {facts['scrollWidth']} px wide in a {facts['innerWidth']} px window"
                        f" (wider than the window: {culprits})")
    driver.execute_script(axe)
    result = driver.execute_async_script(RUN_AXE, AXE_TAGS)
    if "error" in result:
        problems.append(f"{where}: axe failed: {result['error']}")
    for violation in result.get("violations", []):
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            problems.append(f"{where}: {violation['id']} ({violation['impact']}) at {node['target']}: {violation['help']}."
                            + (f" {summary}" if summary else ""))
    if screenshots:
        screenshot(driver, screenshots, page, language, width)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", metavar="DIR", help="save a full-page PNG of each page, language and width here")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--chromedriver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated, default sv,en")
    parser.add_argument("--sign-in", metavar="EMAIL:PASSWORD",
                        help="check the signed-in pages (/my/, /registrar, /audit/) signed in as this account; the others anonymously")
    parser.add_argument("pages", nargs="+", type=parse_page, metavar="PATH", help="[STATUS:]/path to check")
    arguments = parser.parse_args()
    for program in (arguments.chromium, arguments.chromedriver):
        if not os.access(program, os.X_OK):
            sys.exit(f"{program} not found: apt-get install chromium chromium-driver")
    if arguments.screenshots:
        os.makedirs(arguments.screenshots, exist_ok=True)
    axe = axe_source()

    problems, checked = [], 0
    for language in arguments.languages.split(","):
        driver = start_browser(language, arguments.chromium, arguments.chromedriver)
        signed_in = None
        try:
            for page in arguments.pages:
                browser = driver
                if arguments.sign_in and page.path.startswith(SIGNED_IN_PREFIXES):
                    if signed_in is None:
                        signed_in = start_browser(language, arguments.chromium, arguments.chromedriver)
                        sign_in(signed_in, arguments.base_url, arguments.sign_in)
                    browser = signed_in
                for width in WIDTHS:
                    problems += check(browser, axe, arguments.base_url, page, language, width, arguments.screenshots)
                    checked += 1
        finally:
            driver.quit()
            if signed_in is not None:
                signed_in.quit()
    for problem in problems:
        print(problem)
    print(json.dumps({"checked": checked, "problems": len(problems)}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
