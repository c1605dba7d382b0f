"""The upload size limit, enforced while the upload arrives rather than after it was stored."""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class TooLargeUpload(UploadedFile):
    """What the form receives in place of a file over the limit: its name and the size it had
    reached, and no content. A form's size check refuses it with its usual message."""

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(BytesIO(), name, content_type, size)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: once a file passes UPLOAD_MAX_BYTES, the rest of its bytes
    are dropped as they arrive, never handed to the handlers that write to memory or disk, and
    the file becomes a TooLargeUpload. The other fields of the form arrive as usual, so the page
    can answer with its form and a message."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.is_too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.is_too_large = True
            return None  # swallowed here: no later handler sees it
        return raw_data

    def file_complete(self, file_size):
        if self.is_too_large:
            return TooLargeUpload(self.file_name, self.content_type, self.received)
        return None  # the next handler (memory or temporary file) returns the file
