"""A real browser (Debian's chromium, driven by Selenium through chromedriver) against a real `lotline serve --demo`.

scripts/browser-tests.sh starts the server and sets LOTLINE_URL and LOTLINE_SCREENSHOTS before running these tests.
"""

import json
import os
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

PASSWORD = "demo-password-1"


@pytest.fixture(scope="session")
def base_url():
    return os.environ["LOTLINE_URL"].rstrip("/")


@pytest.fixture(scope="session")
def screenshots():
    folder = os.environ["LOTLINE_SCREENSHOTS"]
    os.makedirs(folder, exist_ok=True)
    return folder


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--disable-gpu"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(2)
    yield driver
    # Anything the page's Content-Security-Policy blocked, a script error, or a style sheet, image or icon that did not
    # load shows in the console: a page must have none. (A refused form answers 4xx by design: that page itself is fine.)
    logs = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE" and not refused_page(entry)]
    driver.quit()
    assert not logs, logs


def refused_page(entry):
    """A page answered with 4xx on purpose (a refusal, a wrong password): not a resource that failed."""
    url = entry["message"].split(" ", 1)[0]
    return entry["source"] == "network" and "/web/" in url and "/web/assets/" not in url


def sign_in(driver, base_url, user):
    driver.get(base_url + "/web/login")
    # The name field has focus: a user types without touching the mouse.
    active = driver.switch_to.active_element
    assert active.get_attribute("id") == "user"
    active.send_keys(user)
    driver.find_element(By.ID, "password").send_keys(PASSWORD + "\n")
    assert driver.find_element(By.CSS_SELECTOR, ".who").text, "signed in"


def events(base_url):
    """How many events the ledger holds (GET /health, which anyone may call)."""
    with urllib.request.urlopen(base_url + "/health") as response:
        return json.load(response)["events"]


def shot(driver, screenshots, name):
    """The whole page, not only the window: the window is grown to the page's height for the picture."""
    size = driver.get_window_size()
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(size["width"], min(max(height, size["height"]), 5000))
    driver.save_screenshot(os.path.join(screenshots, name + ".png"))
    driver.set_window_size(size["width"], size["height"])
