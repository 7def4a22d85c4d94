// The citation box on a model page: fills in today's date as the access date and copies the
// citation with one click. Without JavaScript the citation is plain, selectable text and the copy
// button stays hidden (it could do nothing).

const pad = (n) => String(n).padStart(2, "0");

/** Today as the Vietnamese citation style writes it: dd/mm/yyyy. */
export function accessDate(today = new Date()) {
  return `${pad(today.getDate())}/${pad(today.getMonth() + 1)}/${today.getFullYear()}`;
}

async function copyText(text, source) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on a LAN address has no Clipboard API: select the text and use the older command.
  const range = document.createRange();
  range.selectNodeContents(source);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  if (!document.execCommand("copy")) throw new Error("copy refused");
}

function setUp(button) {
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  if (!source) return;
  for (const slot of source.querySelectorAll(".access-date")) slot.textContent = accessDate();
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await copyText(source.textContent.replace(/\s+/g, " ").trim(), source);
      status.textContent = "Đã sao chép trích dẫn.";
    } catch {
      status.textContent = "Không sao chép được; hãy chọn đoạn trích dẫn và sao chép.";
    }
  });
}

if (typeof document !== "undefined") {
  for (const button of document.querySelectorAll("button[data-copy]")) setUp(button);
}
