import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignaturePad } from "./SignaturePad";

// jsdom has no 2D canvas: getContext answers null (and would log "not implemented").
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});
afterEach(() => vi.restoreAllMocks());

describe("SignaturePad", () => {
  it("renders the canvas for WebDriver, the label, and a fallback hint without a 2D context", () => {
    render(<SignaturePad value="" onChange={() => undefined} label="甲方代表签名" testId="pad-clinic" />);
    const canvas = screen.getByTestId("pad-clinic");
    expect(canvas.tagName).toBe("CANVAS");
    expect(canvas.getAttribute("aria-label")).toBe("甲方代表签名（手写区）");
    expect(screen.getByText("甲方代表签名")).toBeTruthy();
    expect(screen.getByText("此窗口不支持手写签名板")).toBeTruthy();
    expect(screen.getByTestId("pad-clinic-wrapper").getAttribute("data-signed")).toBe("false");
  });

  it("清除 empties the value, and the wrapper says whether something is signed", () => {
    const onChange = vi.fn();
    render(<SignaturePad value="data:image/png;base64,AAAA" onChange={onChange} label="乙方代表签名" testId="pad-home" />);
    expect(screen.getByTestId("pad-home-wrapper").getAttribute("data-signed")).toBe("true");
    fireEvent.click(screen.getByTestId("pad-home-clear"));
    expect(onChange).toHaveBeenCalledWith("");
  });
});
