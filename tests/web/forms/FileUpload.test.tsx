import type { UISchemaElement } from '@jsonforms/core';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileRef } from '../../../web/src/api/types';
import { fileTester } from '../../../web/src/forms/renderers/FileUpload';
import { fileRef, renderForm } from '../support/render';
import { fileSchema } from './fixtures';

const control = { type: 'Control', scope: '#/properties/report', label: '审核报告' } as UISchemaElement;
const ctx = { rootSchema: fileSchema, config: {} } as never;

afterEach(cleanup);

function choose(file: File) {
  const input = screen.getByTestId('file-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('fileTester', () => {
  it('ranks 10 for x-widget "file" and for any { fileId, sha256 } object, -1 for other fields', () => {
    expect(fileTester(control, fileSchema, ctx)).toBe(10);
    const bare = { type: 'object', properties: { f: { type: 'object', properties: { fileId: {}, sha256: {} } } } };
    const c = { type: 'Control', scope: '#/properties/f' } as UISchemaElement;
    expect(fileTester(c, bare as never, { rootSchema: bare, config: {} } as never)).toBe(10);
    const text = { type: 'object', properties: { f: { type: 'string' } } };
    expect(fileTester(c, text as never, { rootSchema: text, config: {} } as never)).toBe(-1);
  });
});

describe('FileUpload', () => {
  it('shows the upload progress and stores { fileId, name, sha256 } when done', async () => {
    let report: (f: number) => void = () => undefined;
    let finish: (ref: FileRef) => void = () => undefined;
    const upload = vi.fn(
      (_file: File, onProgress: (f: number) => void) =>
        new Promise<FileRef>((resolve) => {
          report = onProgress;
          finish = resolve;
        }),
    );
    const r = renderForm({ schema: fileSchema, uischema: control, data: {}, upload });
    choose(new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }));
    expect(upload).toHaveBeenCalledOnce();
    act(() => report(0.42));
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('上传中 42%')).toBeTruthy();
    await act(async () => finish(fileRef('report.pdf')));
    await waitFor(() => expect((r.data() as { report?: FileRef }).report?.name).toBe('report.pdf'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('file-name').textContent).toBe('report.pdf');
  });

  it('refuses a file over x-file.maxBytes without uploading it', () => {
    const upload = vi.fn();
    renderForm({ schema: fileSchema, uischema: control, data: {}, upload });
    choose(new File([new Uint8Array(5000)], 'big.pdf', { type: 'application/pdf' }));
    expect(upload).not.toHaveBeenCalled();
    expect(screen.getByText(/上传失败/)).toBeTruthy();
  });

  it('says why an upload failed and keeps the field empty', async () => {
    const upload = vi.fn(() => Promise.reject(new Error('413 payload too large')));
    const r = renderForm({ schema: fileSchema, uischema: control, data: {}, upload });
    choose(new File(['x'], 'a.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(screen.getByText('上传失败：413 payload too large')).toBeTruthy());
    expect((r.data() as { report?: FileRef }).report).toBeUndefined();
  });

  it('passes the accepted types to the file picker and removes a stored file', async () => {
    const r = renderForm({ schema: fileSchema, uischema: control, data: { report: fileRef('old.pdf') } });
    expect((screen.getByTestId('file-input') as HTMLInputElement).accept).toBe('application/pdf');
    expect(screen.getByRole('button', { name: '审核报告: 更换文件' })).toBeTruthy();
    fireEvent.click(screen.getByText('移除'));
    await waitFor(() => expect((r.data() as { report?: FileRef }).report).toBeUndefined());
  });

  it('downloads a stored file from its name where the page offers downloads, and says why one failed', async () => {
    const stored = fileRef('report.pdf');
    const download = vi.fn(() => Promise.resolve());
    renderForm({ schema: fileSchema, uischema: control, data: { report: stored }, download });
    fireEvent.click(screen.getByRole('button', { name: '下载 report.pdf' }));
    expect(download).toHaveBeenCalledWith(stored);
    cleanup();
    const failing = vi.fn(() => Promise.reject(new Error('file not found')));
    renderForm({ schema: fileSchema, uischema: control, data: { report: stored }, download: failing });
    fireEvent.click(screen.getByRole('button', { name: '下载 report.pdf' }));
    await waitFor(() => expect(screen.getByText('下载失败：file not found')).toBeTruthy());
  });

  it('shows the name only where the page offers no downloads', () => {
    renderForm({ schema: fileSchema, uischema: control, data: { report: fileRef('report.pdf') } });
    expect(screen.queryByRole('button', { name: /下载/ })).toBeNull();
    expect(screen.getByTestId('file-name').textContent).toBe('report.pdf');
  });
});
