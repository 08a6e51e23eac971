// The workbench page's few actions: upload, undo, start a preview or a release and follow it.
// Every request that changes something carries the access token in a header (see server.py);
// answers come as HTML rendered (and escaped) by the server.
(function () {
  "use strict";
  const token = document.querySelector('meta[name="workbench-token"]').content;

  async function post(url, body, headers) {
    const response = await fetch(url, { method: "POST", body: body,
      headers: Object.assign({ "X-Workbench-Token": token }, headers || {}) });
    try {
      return await response.json();
    } catch (error) {
      return { ok: false, html: '<p class="message bad">工作台没有回应，请确认启动它的窗口还开着，然后重试。</p>' };
    }
  }

  function failed() {
    return { ok: false, html: '<p class="message bad">无法连接工作台：请确认启动它的窗口还开着，然后重试。</p>' };
  }

  // Upload ----------------------------------------------------------------------------------
  const form = document.getElementById("upload");
  if (form) {
    const input = document.getElementById("upload-file");
    const drop = document.getElementById("drop");
    const result = document.getElementById("upload-result");
    const busy = document.getElementById("upload-progress");

    async function send(file) {
      const plan = document.getElementById("upload-plan").value;
      result.innerHTML = "";
      busy.hidden = false;
      let answer;
      try {
        answer = await post("/upload?plan=" + encodeURIComponent(plan), file,
                            { "X-File-Name": encodeURIComponent(file.name), "Content-Type": "application/octet-stream" });
      } catch (error) {
        answer = failed();
      }
      busy.hidden = true;
      result.innerHTML = answer.html;
      if (answer.ok) { await refreshHistory(); }
      input.value = "";
    }

    input.addEventListener("change", () => { if (input.files.length) { send(input.files[0]); } });
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("drop--over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("drop--over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("drop--over");
      if (event.dataTransfer.files.length) { send(event.dataTransfer.files[0]); }
    });

    document.getElementById("history").addEventListener("click", async (event) => {
      const undo = event.target.closest("[data-undo]");
      const remove = event.target.closest("[data-remove]");
      let request;
      if (undo && confirm("撤销这次操作？这个数据文件将恢复原样。")) {
        request = () => post("/undo/" + undo.dataset.undo);
      } else if (remove && confirm("把 " + remove.dataset.name + " 移出数据？会留存一份副本，可以撤销。")) {
        request = () => post("/remove/" + remove.dataset.remove, null, { "X-File-Name": encodeURIComponent(remove.dataset.name) });
      } else {
        return;
      }
      (undo || remove).disabled = true;
      let answer;
      try { answer = await request(); } catch (error) { answer = failed(); }
      result.innerHTML = answer.html;
      await refreshHistory();
    });
  }

  async function refreshHistory() {
    const page = await fetch("/upload");
    const html = new DOMParser().parseFromString(await page.text(), "text/html");
    document.getElementById("history").replaceChildren(...html.getElementById("history").childNodes);
  }

  // Preview and release ----------------------------------------------------------------------
  document.querySelectorAll(".job").forEach((job) => {
    const kind = job.dataset.kind;
    const button = job.querySelector("[data-start]");
    const shown = job.querySelector(".progress");
    const result = job.querySelector(".job__result");

    async function follow() {
      button.disabled = true;
      shown.hidden = false;
      for (;;) {
        let state;
        try { state = await (await fetch("/job/" + kind)).json(); } catch (error) { state = null; }
        if (state === null) {
          shown.textContent = "无法连接工作台：请确认启动它的窗口还开着。";
        } else if (state.running) {
          shown.textContent = (kind === "release" ? "正在发布" : "正在生成预览") + "：" + state.phase + "（已用 " + state.seconds + " 秒）";
        } else {
          shown.hidden = true;
          result.innerHTML = state.html;
          button.disabled = false;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }

    button.addEventListener("click", async () => {
      const date = job.querySelector(".release-date").value;
      const drafts = [...job.querySelectorAll(".include-draft:checked")].map((box) => Number(box.value));
      if (kind === "release" && !confirm("以 " + date + " 为发布日期发布网站？发布后公众即可看到。")) { return; }
      const body = JSON.stringify({ date: date, include_draft: drafts });
      result.innerHTML = "";
      let answer;
      try { answer = await post("/" + kind, body, { "Content-Type": "application/json" }); } catch (error) { answer = failed(); }
      if (!answer.ok) { result.innerHTML = answer.html; return; }
      follow();
    });
    if (job.hasAttribute("data-running")) { follow(); }
  });
}());
