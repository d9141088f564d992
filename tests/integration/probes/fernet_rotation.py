"""Airflow's own fernet, from AIRFLOW__CORE__FERNET_KEY as the program writes it after a rotation.

Reads {"previous": <the previous generation's key>} on stdin. Encrypts a value with the previous key
alone (what the database holds from before the rotation), then asks Airflow's get_fernet() to read it
back and to encrypt a new value. Prints whether Airflow read the old value, whether its new value
is readable by the first key alone, and whether Airflow considers encryption on.
"""

from __future__ import annotations

import json
import os
import sys

from airflow.models.crypto import get_fernet
from cryptography.fernet import Fernet

previous = json.loads(sys.stdin.read())["previous"]
stored = Fernet(previous.encode()).encrypt(b"connection password").decode()
fernet = get_fernet()
first_key = os.environ["AIRFLOW__CORE__FERNET_KEY"].split(",")[0]
fresh = fernet.encrypt(b"new value")
print(
    json.dumps(
        {
            "old_value_read": fernet.decrypt(stored.encode()).decode(),
            "new_value_under_first_key": Fernet(first_key.encode()).decrypt(fresh).decode(),
            "encrypting": bool(getattr(fernet, "is_encrypted", True)),
        }
    )
)
