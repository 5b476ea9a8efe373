/**
 * A handwritten signature (mouse, pen or finger) on a white canvas, as a PNG data URL. Works as an
 * antd form control: `value` is the PNG (`""` when nothing is drawn) and `onChange` gets the new
 * PNG when a stroke ends, `""` after 清除. Where the webview has no 2D canvas (jsdom in tests) the
 * pad stays blank instead of failing.
 */
import { Button, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import SignaturePadCanvas from "signature_pad";

/** CSS size of the drawing area; the bitmap is this times the device pixel ratio. */
export const PAD_WIDTH = 480;
export const PAD_HEIGHT = 160;

export interface SignaturePadProps {
  /** `data:image/png;base64,…`, or `""` when empty. */
  value?: string;
  onChange?: (dataUrl: string) => void;
  /** What is signed here, e.g. 甲方代表签名. */
  label: string;
  /** On the `<canvas>`, so WebDriver can draw on it; the clear button gets `<testId>-clear`. */
  testId: string;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext("2d");
  } catch {
    return null;
  }
}

export function SignaturePad({ value = "", onChange, label, testId }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadCanvas | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [supported, setSupported] = useState(true);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas ? context2d(canvas) : null;
    if (!canvas || !ctx) {
      setSupported(false);
      return undefined;
    }
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = PAD_WIDTH * ratio;
    canvas.height = PAD_HEIGHT * ratio;
    ctx.scale(ratio, ratio);
    const pad = new SignaturePadCanvas(canvas, { backgroundColor: "rgb(255, 255, 255)", penColor: "rgb(0, 0, 0)" });
    const strokeEnded = () => onChangeRef.current?.(pad.isEmpty() ? "" : pad.toDataURL("image/png"));
    pad.addEventListener("endStroke", strokeEnded);
    padRef.current = pad;
    return () => {
      pad.removeEventListener("endStroke", strokeEnded);
      pad.off();
      padRef.current = null;
    };
  }, []);

  // A value set from outside (a form reset, or a signature kept while the dialog re-rendered).
  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (value === "" && !pad.isEmpty()) pad.clear();
    else if (value !== "" && pad.isEmpty()) {
      pad.fromDataURL(value, { width: PAD_WIDTH, height: PAD_HEIGHT }).catch(() => pad.clear());
    }
  }, [value]);

  const clear = () => {
    padRef.current?.clear();
    onChangeRef.current?.("");
  };

  return (
    <div data-testid={`${testId}-wrapper`} data-signed={value !== "" ? "true" : "false"}>
      <Typography.Text type="secondary" style={{ display: "block", marginBottom: 4 }}>
        {label}
      </Typography.Text>
      <div
        style={{
          width: PAD_WIDTH + 2,
          border: "1px dashed #8c8c8c",
          borderRadius: 4,
          background: "#fff",
        }}
      >
        <canvas
          ref={canvasRef}
          data-testid={testId}
          aria-label={`${label}（手写区）`}
          style={{ width: PAD_WIDTH, height: PAD_HEIGHT, display: "block", touchAction: "none", cursor: "crosshair" }}
        />
      </div>
      <Space style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {supported ? "请在框内手写签名" : "此窗口不支持手写签名板"}
        </Typography.Text>
        <Button size="small" onClick={clear} data-testid={`${testId}-clear`}>
          清除
        </Button>
      </Space>
    </div>
  );
}
