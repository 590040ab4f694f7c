/// The OpenAPI 3.1 description of every endpoint, served at `/api/openapi.json`. Tests check real responses against it.
enum OpenAPIDocument {
    static let json = #"""
{
 "components": {
  "schemas": {
   "Alternative": {
    "properties": {
     "body": {
      "type": "string"
     },
     "derogationCategory": {
      "type": "string"
     },
     "isDerogation": {
      "type": "boolean"
     },
     "key": {
      "type": "string"
     },
     "requiresApprovalBy": {
      "items": {
       "enum": [
        "admin",
        "legal",
        "sales",
        "finance",
        "viewer"
       ],
       "type": "string"
      },
      "type": "array"
     },
     "title": {
      "type": "string"
     }
    },
    "required": [
     "key",
     "title",
     "body",
     "isDerogation",
     "requiresApprovalBy"
    ],
    "type": "object"
   },
   "Approval": {
    "properties": {
     "activatedAt": {
      "format": "date-time",
      "type": "string"
     },
     "assignee": {
      "format": "uuid",
      "type": "string"
     },
     "contract": {
      "properties": {
       "id": {
        "format": "uuid",
        "type": "string"
       },
       "reference": {
        "type": "string"
       },
       "status": {
        "enum": [
         "draft",
         "inReview",
         "approved",
         "negotiating",
         "signing",
         "signed",
         "active",
         "renewed",
         "expired",
         "terminated",
         "cancelled"
        ],
        "type": "string"
       },
       "title": {
        "type": "string"
       }
      },
      "required": [
       "id",
       "reference",
       "title",
       "status"
      ],
      "type": "object"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "decidedAt": {
      "format": "date-time",
      "type": "string"
     },
     "decisions": {
      "items": {
       "properties": {
        "at": {
         "format": "date-time",
         "type": "string"
        },
        "comment": {
         "type": "string"
        },
        "decision": {
         "enum": [
          "approve",
          "reject"
         ],
         "type": "string"
        },
        "userId": {
         "format": "uuid",
         "type": "string"
        }
       },
       "required": [
        "userId",
        "decision",
        "at"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "mode": {
      "enum": [
       "all",
       "any"
      ],
      "type": "string"
     },
     "order": {
      "type": "integer"
     },
     "reasons": {
      "items": {
       "properties": {
        "because": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "criteria": {
         "description": "what matched, as values (the phrases' source)",
         "items": {
          "type": "object"
         },
         "type": "array"
        },
        "rule": {
         "type": "string"
        },
        "ruleId": {
         "type": "string"
        }
       },
       "required": [
        "rule",
        "because",
        "criteria"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "requestId": {
      "format": "uuid",
      "type": "string"
     },
     "requestedBy": {
      "format": "uuid",
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "status": {
      "enum": [
       "waiting",
       "pending",
       "approved",
       "rejected",
       "cancelled"
      ],
      "type": "string"
     },
     "supplierRequest": {
      "properties": {
       "id": {
        "format": "uuid",
        "type": "string"
       },
       "status": {
        "enum": [
         "pending",
         "approved",
         "rejected"
        ],
        "type": "string"
       },
       "supplierName": {
        "type": "string"
       }
      },
      "required": [
       "id",
       "supplierName",
       "status"
      ],
      "type": "object"
     },
     "users": {
      "items": {
       "format": "uuid",
       "type": "string"
      },
      "type": "array"
     }
    },
    "required": [
     "id",
     "requestId",
     "requestedBy",
     "order",
     "mode",
     "status",
     "reasons",
     "decisions",
     "createdAt"
    ],
    "type": "object"
   },
   "ApprovalCondition": {
    "properties": {
     "alternatives": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "amountAbove": {
      "$ref": "#/components/schemas/Money"
     },
     "contractTypes": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "counterpartyKinds": {
      "items": {
       "enum": [
        "customer",
        "supplier",
        "partner"
       ],
       "type": "string"
      },
      "type": "array"
     },
     "customText": {
      "type": "boolean"
     },
     "derogationCategories": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "durationMonthsAbove": {
      "type": "integer"
     },
     "hasDerogation": {
      "type": "boolean"
     },
     "personalData": {
      "type": "boolean"
     },
     "variables": {
      "description": "tests on the contract's variables (a generated contract's template variables; others' metadata)",
      "items": {
       "properties": {
        "above": {
         "anyOf": [
          {
           "type": "number"
          },
          {
           "type": "string"
          }
         ]
        },
        "below": {
         "anyOf": [
          {
           "type": "number"
          },
          {
           "type": "string"
          }
         ]
        },
        "currency": {
         "type": "string"
        },
        "equals": {},
        "in": {
         "type": "array"
        },
        "name": {
         "type": "string"
        }
       },
       "required": [
        "name"
       ],
       "type": "object"
      },
      "type": "array"
     }
    },
    "type": "object"
   },
   "ApprovalRequest": {
    "properties": {
     "closedAt": {
      "format": "date-time",
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "reason": {
      "type": "string"
     },
     "requestedBy": {
      "format": "uuid",
      "type": "string"
     },
     "status": {
      "enum": [
       "pending",
       "approved",
       "rejected",
       "withdrawn"
      ],
      "type": "string"
     }
    },
    "required": [
     "id",
     "status",
     "requestedBy",
     "createdAt"
    ],
    "type": "object"
   },
   "ApprovalRule": {
    "properties": {
     "appliesTo": {
      "enum": [
       "contract",
       "supplierRequest"
      ],
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "position": {
      "type": "integer"
     },
     "require": {
      "items": {
       "$ref": "#/components/schemas/ApprovalStep"
      },
      "type": "array"
     },
     "when": {
      "$ref": "#/components/schemas/ApprovalCondition"
     }
    },
    "required": [
     "id",
     "position",
     "name",
     "when",
     "require",
     "appliesTo"
    ],
    "type": "object"
   },
   "ApprovalStep": {
    "properties": {
     "mode": {
      "enum": [
       "all",
       "any"
      ],
      "type": "string"
     },
     "order": {
      "type": "integer"
     },
     "role": {
      "enum": [
       "admin",
       "legal",
       "sales",
       "finance",
       "viewer"
      ],
      "type": "string"
     },
     "users": {
      "items": {
       "format": "uuid",
       "type": "string"
      },
      "type": "array"
     }
    },
    "required": [
     "mode",
     "order"
    ],
    "type": "object"
   },
   "Clause": {
    "properties": {
     "alternatives": {
      "items": {
       "$ref": "#/components/schemas/Alternative"
      },
      "type": "array"
     },
     "body": {
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "key": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     }
    },
    "required": [
     "key",
     "version",
     "title",
     "category",
     "body",
     "alternatives"
    ],
    "type": "object"
   },
   "ClauseInput": {
    "properties": {
     "alternatives": {
      "items": {
       "properties": {
        "body": {
         "type": "string"
        },
        "derogationCategory": {
         "type": "string"
        },
        "isDerogation": {
         "type": "boolean"
        },
        "key": {
         "type": "string"
        },
        "requiresApprovalBy": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "title": {
         "type": "string"
        }
       },
       "type": "object"
      },
      "type": "array"
     },
     "body": {
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "key": {
      "type": "string"
     },
     "title": {
      "type": "string"
     }
    },
    "type": "object"
   },
   "Contract": {
    "properties": {
     "allowedTransitions": {
      "items": {
       "enum": [
        "draft",
        "inReview",
        "approved",
        "negotiating",
        "signing",
        "signed",
        "active",
        "renewed",
        "expired",
        "terminated",
        "cancelled"
       ],
       "type": "string"
      },
      "type": "array"
     },
     "amount": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Money"
       },
       {
        "type": "null"
       }
      ]
     },
     "approvalRequest": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/ApprovalRequest"
       },
       {
        "type": "null"
       }
      ]
     },
     "approvals": {
      "items": {
       "$ref": "#/components/schemas/Approval"
      },
      "type": "array"
     },
     "clauses": {
      "items": {
       "$ref": "#/components/schemas/ContractClause"
      },
      "type": "array"
     },
     "counterpartyId": {
      "anyOf": [
       {
        "format": "uuid",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "counterpartyName": {
      "anyOf": [
       {
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "crm": {
      "type": "null"
     },
     "documents": {
      "items": {
       "$ref": "#/components/schemas/Document"
      },
      "type": "array"
     },
     "endDate": {
      "anyOf": [
       {
        "format": "date",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "metadata": {
      "type": "object"
     },
     "origin": {
      "enum": [
       "manual",
       "import",
       "template"
      ],
      "type": "string"
     },
     "ownerId": {
      "format": "uuid",
      "type": "string"
     },
     "priority": {
      "type": "integer"
     },
     "reference": {
      "pattern": "^CTR-[0-9]{4}-[0-9]{6,}$",
      "type": "string"
     },
     "renewal": {
      "$ref": "#/components/schemas/Renewal"
     },
     "signatory": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/NamedSignatory"
       },
       {
        "type": "null"
       }
      ]
     },
     "signature": {
      "type": "null"
     },
     "signedAt": {
      "anyOf": [
       {
        "format": "date-time",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "startDate": {
      "anyOf": [
       {
        "format": "date",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "status": {
      "enum": [
       "draft",
       "inReview",
       "approved",
       "negotiating",
       "signing",
       "signed",
       "active",
       "renewed",
       "expired",
       "terminated",
       "cancelled"
      ],
      "type": "string"
     },
     "template": {
      "anyOf": [
       {
        "properties": {
         "id": {
          "format": "uuid",
          "type": "string"
         },
         "version": {
          "type": "integer"
         }
        },
        "required": [
         "id",
         "version"
        ],
        "type": "object"
       },
       {
        "type": "null"
       }
      ]
     },
     "title": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "updatedAt": {
      "format": "date-time",
      "type": "string"
     }
    },
    "required": [
     "id",
     "reference",
     "title",
     "type",
     "status",
     "counterpartyId",
     "counterpartyName",
     "ownerId",
     "amount",
     "startDate",
     "endDate",
     "signedAt",
     "renewal",
     "metadata",
     "origin",
     "priority",
     "allowedTransitions",
     "clauses",
     "template",
     "documents",
     "approvals",
     "approvalRequest",
     "signatory",
     "signature",
     "crm",
     "createdAt",
     "updatedAt"
    ],
    "type": "object"
   },
   "ContractClause": {
    "properties": {
     "clauseVersion": {
      "type": "integer"
     },
     "derogationCategory": {
      "type": "string"
     },
     "isDerogation": {
      "type": "boolean"
     },
     "key": {
      "type": "string"
     },
     "nodeId": {
      "type": "string"
     },
     "number": {
      "type": "string"
     },
     "requiresApprovalBy": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "text": {
      "description": "on a single contract only",
      "type": "string"
     },
     "textHash": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "variant": {
      "description": "standard, custom or the alternative key",
      "type": "string"
     }
    },
    "required": [
     "key",
     "nodeId",
     "number",
     "title",
     "variant",
     "isDerogation",
     "requiresApprovalBy",
     "textHash"
    ],
    "type": "object"
   },
   "ContractInput": {
    "properties": {
     "amount": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Money"
       },
       {
        "type": "null"
       }
      ]
     },
     "clauses": {
      "additionalProperties": {
       "anyOf": [
        {
         "type": "string"
        },
        {
         "type": "boolean"
        },
        {
         "properties": {
          "custom": {
           "type": "string"
          }
         },
         "required": [
          "custom"
         ],
         "type": "object"
        }
       ]
      },
      "type": "object"
     },
     "counterpartyId": {
      "anyOf": [
       {
        "format": "uuid",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "endDate": {
      "anyOf": [
       {
        "format": "date",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "metadata": {
      "type": "object"
     },
     "renewal": {
      "anyOf": [
       {
        "properties": {
         "mode": {
          "enum": [
           "none",
           "tacit",
           "explicit"
          ],
          "type": "string"
         },
         "notice": {
          "type": "string"
         },
         "period": {
          "type": "string"
         }
        },
        "required": [
         "mode"
        ],
        "type": "object"
       },
       {
        "type": "null"
       }
      ]
     },
     "startDate": {
      "anyOf": [
       {
        "format": "date",
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "templateId": {
      "description": "generate from this template; then send variables and clauses, not type or terms",
      "type": "string"
     },
     "title": {
      "maxLength": 300,
      "minLength": 1,
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "variables": {
      "type": "object"
     }
    },
    "type": "object"
   },
   "ContractType": {
    "properties": {
     "builtIn": {
      "type": "boolean"
     },
     "key": {
      "type": "string"
     },
     "labelEn": {
      "type": "string"
     },
     "labelFr": {
      "type": "string"
     }
    },
    "required": [
     "key",
     "labelFr",
     "labelEn",
     "builtIn"
    ],
    "type": "object"
   },
   "Counterparty": {
    "properties": {
     "address": {
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "crmRefs": {
      "additionalProperties": {
       "type": "string"
      },
      "type": "object"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "kind": {
      "enum": [
       "customer",
       "supplier",
       "partner"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "registrationNumber": {
      "type": "string"
     },
     "updatedAt": {
      "format": "date-time",
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "kind",
     "crmRefs",
     "createdAt",
     "updatedAt"
    ],
    "type": "object"
   },
   "CounterpartyInput": {
    "properties": {
     "address": {
      "type": "string"
     },
     "crmRefs": {
      "additionalProperties": {
       "type": "string"
      },
      "type": "object"
     },
     "kind": {
      "enum": [
       "customer",
       "supplier",
       "partner"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "registrationNumber": {
      "type": "string"
     }
    },
    "type": "object"
   },
   "Document": {
    "properties": {
     "contractId": {
      "format": "uuid",
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "filename": {
      "type": "string"
     },
     "format": {
      "enum": [
       "pdf",
       "docx"
      ],
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "sha256": {
      "type": "string"
     },
     "size": {
      "type": "integer"
     },
     "source": {
      "type": "string"
     },
     "textIndexed": {
      "type": "boolean"
     },
     "url": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     }
    },
    "required": [
     "id",
     "contractId",
     "version",
     "sha256",
     "format",
     "source",
     "filename",
     "size",
     "textIndexed",
     "createdAt",
     "url"
    ],
    "type": "object"
   },
   "Event": {
    "properties": {
     "actor": {
      "properties": {
       "ip": {
        "type": "string"
       },
       "label": {
        "type": "string"
       },
       "userAgent": {
        "type": "string"
       },
       "userId": {
        "format": "uuid",
        "type": "string"
       }
      },
      "required": [
       "label"
      ],
      "type": "object"
     },
     "at": {
      "format": "date-time",
      "type": "string"
     },
     "data": {
      "type": "object"
     },
     "hash": {
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "previousHash": {
      "type": "string"
     },
     "reason": {
      "type": "string"
     },
     "sequence": {
      "type": "integer"
     },
     "type": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "sequence",
     "at",
     "actor",
     "type",
     "data",
     "previousHash",
     "hash"
    ],
    "type": "object"
   },
   "Health": {
    "properties": {
     "database": {
      "enum": [
       "sqlite",
       "postgres"
      ],
      "type": "string"
     },
     "pdfFonts": {
      "type": "string"
     },
     "pdfFontsEmbedded": {
      "type": "boolean"
     },
     "pdfTextExtraction": {
      "type": "boolean"
     },
     "status": {
      "enum": [
       "ok",
       "unavailable"
      ],
      "type": "string"
     }
    },
    "required": [
     "status",
     "database",
     "pdfTextExtraction",
     "pdfFonts",
     "pdfFontsEmbedded"
    ],
    "type": "object"
   },
   "InboxItem": {
    "properties": {
     "contractId": {
      "format": "uuid",
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "link": {
      "type": "string"
     },
     "readAt": {
      "format": "date-time",
      "type": "string"
     },
     "title": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "kind",
     "title",
     "link",
     "createdAt"
    ],
    "type": "object"
   },
   "Job": {
    "properties": {
     "attempts": {
      "type": "integer"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "lastError": {
      "type": "string"
     },
     "maxAttempts": {
      "type": "integer"
     },
     "runAt": {
      "format": "date-time",
      "type": "string"
     },
     "state": {
      "enum": [
       "queued",
       "running",
       "done",
       "dead"
      ],
      "type": "string"
     }
    },
    "required": [
     "id",
     "kind",
     "state",
     "attempts",
     "maxAttempts",
     "runAt"
    ],
    "type": "object"
   },
   "Mail": {
    "properties": {
     "body": {
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "lastError": {
      "type": "string"
     },
     "recipient": {
      "type": "string"
     },
     "sentAt": {
      "format": "date-time",
      "type": "string"
     },
     "status": {
      "enum": [
       "queued",
       "sent",
       "held"
      ],
      "type": "string"
     },
     "subject": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "recipient",
     "subject",
     "body",
     "status",
     "createdAt"
    ],
    "type": "object"
   },
   "Money": {
    "properties": {
     "amount": {
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "currency": {
      "type": "string"
     }
    },
    "required": [
     "amount",
     "currency"
    ],
    "type": "object"
   },
   "NamedSignatory": {
    "properties": {
     "eligible": {
      "description": "whether their authority covers the contract today",
      "type": "boolean"
     },
     "message": {
      "type": "string"
     },
     "namedAt": {
      "format": "date-time",
      "type": "string"
     },
     "namedBy": {
      "format": "uuid",
      "type": "string"
     },
     "reason": {
      "enum": [
       "inactive",
       "noAuthority",
       "typeNotCovered",
       "notYetValid",
       "expired",
       "amountAboveLimit",
       "currencyNotCovered"
      ],
      "type": "string"
     },
     "user": {
      "properties": {
       "email": {
        "type": "string"
       },
       "id": {
        "format": "uuid",
        "type": "string"
       },
       "name": {
        "type": "string"
       }
      },
      "required": [
       "id",
       "name",
       "email"
      ],
      "type": "object"
     }
    },
    "required": [
     "user",
     "namedBy",
     "namedAt",
     "eligible"
    ],
    "type": "object"
   },
   "Problem": {
    "properties": {
     "allowed": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "detail": {
      "type": "string"
     },
     "errors": {
      "items": {
       "properties": {
        "field": {
         "type": "string"
        },
        "line": {
         "type": "integer"
        },
        "message": {
         "type": "string"
        }
       },
       "required": [
        "field",
        "message"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "reason": {
      "description": "why a colleague may not sign, as a code",
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "type": {
      "type": "string"
     }
    },
    "required": [
     "type",
     "title",
     "status",
     "detail"
    ],
    "type": "object"
   },
   "QueueEntry": {
    "properties": {
     "amount": {
      "$ref": "#/components/schemas/Money"
     },
     "approvalId": {
      "format": "uuid",
      "type": "string"
     },
     "contract": {
      "properties": {
       "id": {
        "format": "uuid",
        "type": "string"
       },
       "reference": {
        "type": "string"
       },
       "status": {
        "enum": [
         "draft",
         "inReview",
         "approved",
         "negotiating",
         "signing",
         "signed",
         "active",
         "renewed",
         "expired",
         "terminated",
         "cancelled"
        ],
        "type": "string"
       },
       "title": {
        "type": "string"
       }
      },
      "required": [
       "id",
       "reference",
       "title",
       "status"
      ],
      "type": "object"
     },
     "deadline": {
      "format": "date",
      "type": "string"
     },
     "parts": {
      "items": {
       "properties": {
        "because": {
         "type": "string"
        },
        "name": {
         "enum": [
          "value",
          "deadline",
          "risk",
          "age"
         ],
         "type": "string"
        },
        "points": {
         "type": "integer"
        }
       },
       "required": [
        "name",
        "points",
        "because"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "score": {
      "type": "integer"
     },
     "waitingSince": {
      "format": "date-time",
      "type": "string"
     }
    },
    "required": [
     "contract",
     "approvalId",
     "waitingSince",
     "score",
     "parts"
    ],
    "type": "object"
   },
   "Renewal": {
    "properties": {
     "currentTermEnd": {
      "format": "date",
      "type": "string"
     },
     "mode": {
      "enum": [
       "none",
       "tacit",
       "explicit"
      ],
      "type": "string"
     },
     "nextRenewalDate": {
      "format": "date",
      "type": "string"
     },
     "notice": {
      "type": "string"
     },
     "noticeDeadline": {
      "format": "date",
      "type": "string"
     },
     "period": {
      "type": "string"
     }
    },
    "required": [
     "mode"
    ],
    "type": "object"
   },
   "SignatureAuthority": {
    "properties": {
     "active": {
      "type": "boolean"
     },
     "contractTypes": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "grantedAt": {
      "format": "date-time",
      "type": "string"
     },
     "grantedBy": {
      "format": "uuid",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "maxAmount": {
      "$ref": "#/components/schemas/Money"
     },
     "revokedAt": {
      "format": "date-time",
      "type": "string"
     },
     "revokedBy": {
      "format": "uuid",
      "type": "string"
     },
     "userId": {
      "format": "uuid",
      "type": "string"
     },
     "validFrom": {
      "format": "date",
      "type": "string"
     },
     "validUntil": {
      "format": "date",
      "type": "string"
     }
    },
    "required": [
     "id",
     "userId",
     "contractTypes",
     "validFrom",
     "grantedBy",
     "grantedAt",
     "active"
    ],
    "type": "object"
   },
   "SupplierRequest": {
    "properties": {
     "annualCost": {
      "$ref": "#/components/schemas/Money"
     },
     "approvals": {
      "items": {
       "$ref": "#/components/schemas/Approval"
      },
      "type": "array"
     },
     "counterpartyId": {
      "format": "uuid",
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "dataProcessed": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "decidedAt": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "purpose": {
      "type": "string"
     },
     "requestedBy": {
      "format": "uuid",
      "type": "string"
     },
     "status": {
      "enum": [
       "pending",
       "approved",
       "rejected"
      ],
      "type": "string"
     },
     "supplierName": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "supplierName",
     "purpose",
     "dataProcessed",
     "requestedBy",
     "status",
     "createdAt"
    ],
    "type": "object"
   },
   "Template": {
    "properties": {
     "clauses": {
      "items": {
       "$ref": "#/components/schemas/TemplateNode"
      },
      "type": "array"
     },
     "contractType": {
      "type": "string"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "language": {
      "enum": [
       "fr",
       "en"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "publishedVersion": {
      "type": "integer"
     },
     "updatedAt": {
      "format": "date-time",
      "type": "string"
     },
     "variables": {
      "items": {
       "properties": {
        "default": {},
        "fromCounterparty": {
         "type": "boolean"
        },
        "help": {
         "type": "string"
        },
        "items": {
         "type": "string"
        },
        "label": {
         "type": "string"
        },
        "max": {
         "type": "number"
        },
        "min": {
         "type": "number"
        },
        "name": {
         "type": "string"
        },
        "options": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "pattern": {
         "type": "string"
        },
        "required": {
         "type": "boolean"
        },
        "type": {
         "enum": [
          "text",
          "number",
          "money",
          "percent",
          "date",
          "duration",
          "boolean",
          "enum",
          "party",
          "list"
         ],
         "type": "string"
        }
       },
       "required": [
        "name",
        "label",
        "type",
        "required",
        "fromCounterparty"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "versions": {
      "items": {
       "$ref": "#/components/schemas/TemplateVersion"
      },
      "type": "array"
     }
    },
    "required": [
     "id",
     "name",
     "contractType",
     "language",
     "versions",
     "variables",
     "clauses",
     "createdAt",
     "updatedAt"
    ],
    "type": "object"
   },
   "TemplateNode": {
    "properties": {
     "allowCustom": {
      "type": "boolean"
     },
     "alternatives": {
      "items": {
       "properties": {
        "derogationCategory": {
         "type": "string"
        },
        "isDerogation": {
         "type": "boolean"
        },
        "key": {
         "type": "string"
        },
        "requiresApprovalBy": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "title": {
         "type": "string"
        }
       },
       "required": [
        "key",
        "title",
        "isDerogation",
        "requiresApprovalBy"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "children": {
      "items": {
       "$ref": "#/components/schemas/TemplateNode"
      },
      "type": "array"
     },
     "conditional": {
      "type": "boolean"
     },
     "id": {
      "type": "string"
     },
     "includedByDefault": {
      "type": "boolean"
     },
     "key": {
      "type": "string"
     },
     "optional": {
      "type": "boolean"
     },
     "title": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "title",
     "optional",
     "includedByDefault",
     "conditional",
     "allowCustom",
     "alternatives",
     "children"
    ],
    "type": "object"
   },
   "TemplateSummary": {
    "properties": {
     "contractType": {
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "language": {
      "enum": [
       "fr",
       "en"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "publishedVersion": {
      "type": "integer"
     },
     "updatedAt": {
      "format": "date-time",
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "contractType",
     "language",
     "updatedAt"
    ],
    "type": "object"
   },
   "TemplateVersion": {
    "properties": {
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "publishedAt": {
      "format": "date-time",
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "status": {
      "enum": [
       "draft",
       "published",
       "superseded"
      ],
      "type": "string"
     },
     "version": {
      "type": "integer"
     }
    },
    "required": [
     "version",
     "status",
     "createdAt"
    ],
    "type": "object"
   },
   "User": {
    "properties": {
     "active": {
      "type": "boolean"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "language": {
      "enum": [
       "fr",
       "en"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "roles": {
      "items": {
       "enum": [
        "admin",
        "legal",
        "sales",
        "finance",
        "viewer"
       ],
       "type": "string"
      },
      "type": "array"
     }
    },
    "required": [
     "id",
     "email",
     "name",
     "roles",
     "language",
     "active",
     "createdAt"
    ],
    "type": "object"
   },
   "Verification": {
    "properties": {
     "auditChain": {
      "enum": [
       "valid",
       "broken"
      ],
      "type": "string"
     },
     "detail": {
      "type": "string"
     },
     "documents": {
      "items": {
       "properties": {
        "id": {
         "format": "uuid",
         "type": "string"
        },
        "sha256": {
         "type": "string"
        },
        "status": {
         "enum": [
          "intact",
          "altered",
          "missing"
         ],
         "type": "string"
        }
       },
       "required": [
        "id",
        "sha256",
        "status"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "events": {
      "type": "integer"
     }
    },
    "required": [
     "auditChain",
     "events",
     "documents"
    ],
    "type": "object"
   },
   "Webhook": {
    "properties": {
     "active": {
      "type": "boolean"
     },
     "allowPrivateNetwork": {
      "type": "boolean"
     },
     "createdAt": {
      "format": "date-time",
      "type": "string"
     },
     "events": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "id": {
      "format": "uuid",
      "type": "string"
     },
     "secret": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "url",
     "events",
     "allowPrivateNetwork",
     "active",
     "createdAt"
    ],
    "type": "object"
   }
  },
  "securitySchemes": {
   "bearer": {
    "scheme": "bearer",
    "type": "http"
   }
  }
 },
 "info": {
  "description": "Contract lifecycle management wired into the CRM.",
  "title": "Paraphe API",
  "version": "1.0.0"
 },
 "openapi": "3.1.0",
 "paths": {
  "/api/v1/admin/events": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Event"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "The admin log: grants, revocations, approval rules, clause and template changes (admin, legal)"
   }
  },
  "/api/v1/admin/events/verify": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "chain": {
           "enum": [
            "valid",
            "broken"
           ],
           "type": "string"
          },
          "entries": {
           "type": "integer"
          },
          "problem": {
           "type": "string"
          }
         },
         "required": [
          "chain",
          "entries"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     }
    },
    "summary": "Verify the admin log's hash chain (admin, legal)"
   }
  },
  "/api/v1/approval-policies": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/ApprovalRule"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     }
    },
    "summary": "The approval policy: its rules, in order"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "appliesTo": {
          "enum": [
           "contract",
           "supplierRequest"
          ],
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "position": {
          "minimum": 1,
          "type": "integer"
         },
         "require": {
          "items": {
           "properties": {
            "mode": {
             "enum": [
              "all",
              "any"
             ],
             "type": "string"
            },
            "order": {
             "type": "integer"
            },
            "role": {
             "type": "string"
            },
            "users": {
             "items": {
              "type": "string"
             },
             "type": "array"
            }
           },
           "type": "object"
          },
          "type": "array"
         },
         "when": {
          "$ref": "#/components/schemas/ApprovalCondition"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ApprovalRule"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Add a rule (legal, admin)"
   }
  },
  "/api/v1/approval-policies/simulate": {
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "contract": {
          "properties": {
           "amount": {
            "$ref": "#/components/schemas/Money"
           },
           "clauses": {
            "items": {
             "properties": {
              "derogationCategory": {
               "type": "string"
              },
              "isDerogation": {
               "type": "boolean"
              },
              "key": {
               "type": "string"
              },
              "requiresApprovalBy": {
               "items": {
                "type": "string"
               },
               "type": "array"
              },
              "variant": {
               "type": "string"
              }
             },
             "required": [
              "key"
             ],
             "type": "object"
            },
            "type": "array"
           },
           "counterpartyKind": {
            "enum": [
             "customer",
             "supplier",
             "partner"
            ],
            "type": "string"
           },
           "endDate": {
            "format": "date",
            "type": "string"
           },
           "startDate": {
            "format": "date",
            "type": "string"
           },
           "type": {
            "type": "string"
           },
           "variables": {
            "type": "object"
           }
          },
          "required": [
           "type"
          ],
          "type": "object"
         },
         "contractId": {
          "type": "string"
         },
         "from": {
          "format": "date",
          "type": "string"
         },
         "rule": {
          "properties": {
           "name": {
            "type": "string"
           },
           "require": {
            "items": {
             "type": "object"
            },
            "type": "array"
           },
           "when": {
            "$ref": "#/components/schemas/ApprovalCondition"
           }
          },
          "type": "object"
         },
         "to": {
          "format": "date",
          "type": "string"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "history": {
           "properties": {
            "contracts": {
             "items": {
              "properties": {
               "because": {
                "items": {
                 "type": "string"
                },
                "type": "array"
               },
               "id": {
                "format": "uuid",
                "type": "string"
               },
               "reference": {
                "type": "string"
               },
               "title": {
                "type": "string"
               }
              },
              "required": [
               "id",
               "reference",
               "title",
               "because"
              ],
              "type": "object"
             },
             "type": "array"
            },
            "examined": {
             "type": "integer"
            },
            "from": {
             "format": "date",
             "type": "string"
            },
            "matched": {
             "type": "integer"
            },
            "rule": {
             "type": "string"
            },
            "to": {
             "format": "date",
             "type": "string"
            }
           },
           "required": [
            "rule",
            "from",
            "to",
            "examined",
            "matched",
            "contracts"
           ],
           "type": "object"
          },
          "required": {
           "items": {
            "properties": {
             "mode": {
              "enum": [
               "all",
               "any"
              ],
              "type": "string"
             },
             "order": {
              "type": "integer"
             },
             "reasons": {
              "items": {
               "properties": {
                "because": {
                 "items": {
                  "type": "string"
                 },
                 "type": "array"
                },
                "rule": {
                 "type": "string"
                },
                "ruleId": {
                 "type": "string"
                }
               },
               "required": [
                "rule",
                "because"
               ],
               "type": "object"
              },
              "type": "array"
             },
             "role": {
              "type": "string"
             },
             "users": {
              "items": {
               "format": "uuid",
               "type": "string"
              },
              "type": "array"
             }
            },
            "required": [
             "order",
             "mode",
             "reasons"
            ],
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Which approvals a contract needs and why; or, with a rule, which past contracts it would have caught"
   }
  },
  "/api/v1/approval-policies/{id}": {
   "delete": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Removed"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Remove a rule (legal, admin)"
   }
  },
  "/api/v1/approvals": {
   "get": {
    "parameters": [
     {
      "description": "me (default) or a user id",
      "in": "query",
      "name": "assignee",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "status",
      "required": false,
      "schema": {
       "enum": [
        "waiting",
        "pending",
        "approved",
        "rejected",
        "cancelled"
       ],
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Approval"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Approval steps I may decide (admins: anyone's), oldest first"
   }
  },
  "/api/v1/approvals/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Approval"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "An approval step with its reasons and decisions"
   }
  },
  "/api/v1/approvals/{id}/decision": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "comment": {
          "maxLength": 4000,
          "type": "string"
         },
         "decision": {
          "enum": [
           "approve",
           "reject"
          ],
          "type": "string"
         }
        },
        "required": [
         "decision"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Approval"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Approve or reject a step; a rejection needs a comment"
   }
  },
  "/api/v1/approvals/{id}/reassign": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "userId": {
          "format": "uuid",
          "type": "string"
         }
        },
        "required": [
         "userId"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Approval"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Hand a step to a colleague of the same role"
   }
  },
  "/api/v1/auth/token": {
   "delete": {
    "responses": {
     "204": {
      "description": "Revoked"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     }
    },
    "summary": "Revoke the token used for this call"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "email": {
          "type": "string"
         },
         "label": {
          "type": "string"
         },
         "password": {
          "type": "string"
         }
        },
        "required": [
         "email",
         "password"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "expiresAt": {
           "format": "date-time",
           "type": "string"
          },
          "token": {
           "type": "string"
          },
          "tokenId": {
           "format": "uuid",
           "type": "string"
          },
          "user": {
           "$ref": "#/components/schemas/User"
          }
         },
         "required": [
          "token",
          "tokenId",
          "expiresAt",
          "user"
         ],
         "type": "object"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     },
     "429": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Too many requests"
     }
    },
    "security": [],
    "summary": "Exchange email and password for a bearer token"
   }
  },
  "/api/v1/auth/tokens/{id}": {
   "delete": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Revoked"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Revoke one of your tokens"
   }
  },
  "/api/v1/clauses": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Clause"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "The clause library (current versions)"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ClauseInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Clause"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Add a clause (legal, admin)"
   }
  },
  "/api/v1/clauses/{key}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "key",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "version",
      "required": false,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Clause"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "A clause, current or ?version="
   },
   "patch": {
    "parameters": [
     {
      "in": "path",
      "name": "key",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ClauseInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Clause"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Edit a clause: a new version (legal, admin)"
   }
  },
  "/api/v1/contract-types": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/ContractType"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     }
    },
    "summary": "Contract types"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "key": {
          "type": "string"
         },
         "labelEn": {
          "type": "string"
         },
         "labelFr": {
          "type": "string"
         }
        },
        "required": [
         "key",
         "labelFr"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ContractType"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Add a contract type (admin)"
   }
  },
  "/api/v1/contracts": {
   "get": {
    "parameters": [
     {
      "description": "full text over title, reference, counterparty, metadata and document text",
      "in": "query",
      "name": "q",
      "required": false,
      "schema": {
       "maxLength": 500,
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "status",
      "required": false,
      "schema": {
       "enum": [
        "draft",
        "inReview",
        "approved",
        "negotiating",
        "signing",
        "signed",
        "active",
        "renewed",
        "expired",
        "terminated",
        "cancelled"
       ],
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "type",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "counterpartyId",
      "required": false,
      "schema": {
       "format": "uuid",
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "ownerId",
      "required": false,
      "schema": {
       "format": "uuid",
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "endsBefore",
      "required": false,
      "schema": {
       "format": "date",
       "type": "string"
      }
     },
     {
      "description": "contracts whose next notice deadline falls before this day",
      "in": "query",
      "name": "renewalNoticeBefore",
      "required": false,
      "schema": {
       "format": "date",
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "sort",
      "required": false,
      "schema": {
       "enum": [
        "updatedAt",
        "priority",
        "endDate"
       ],
       "type": "string"
      }
     },
     {
      "description": "contracts with (or without) a derogation clause",
      "in": "query",
      "name": "hasDerogation",
      "required": false,
      "schema": {
       "enum": [
        "true",
        "false"
       ],
       "type": "string"
      }
     },
     {
      "description": "contracts using this alternative key",
      "in": "query",
      "name": "derogation",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Contract"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Search and list contracts"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ContractInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Contract"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Generate a contract from a template (with templateId) or record one by hand"
   }
  },
  "/api/v1/contracts/import": {
   "post": {
    "requestBody": {
     "content": {
      "multipart/form-data": {
       "schema": {
        "properties": {
         "file": {
          "format": "binary",
          "type": "string"
         },
         "metadata": {
          "description": "JSON: contract fields plus status and signedAt",
          "type": "string"
         }
        },
        "required": [
         "file"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Contract"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Import a signed legacy PDF"
   }
  },
  "/api/v1/contracts/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Contract"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "A contract"
   },
   "patch": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ContractInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Contract"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Edit a contract's metadata and terms"
   }
  },
  "/api/v1/contracts/{id}/documents": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Document"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "The contract's documents"
   }
  },
  "/api/v1/contracts/{id}/eligible-signatories": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "eligible": {
           "items": {
            "properties": {
             "email": {
              "type": "string"
             },
             "id": {
              "format": "uuid",
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "required": [
             "id",
             "name",
             "email"
            ],
            "type": "object"
           },
           "type": "array"
          },
          "ineligible": {
           "items": {
            "properties": {
             "message": {
              "type": "string"
             },
             "reason": {
              "enum": [
               "inactive",
               "noAuthority",
               "typeNotCovered",
               "notYetValid",
               "expired",
               "amountAboveLimit",
               "currencyNotCovered"
              ],
              "type": "string"
             },
             "user": {
              "properties": {
               "email": {
                "type": "string"
               },
               "id": {
                "format": "uuid",
                "type": "string"
               },
               "name": {
                "type": "string"
               }
              },
              "required": [
               "id",
               "name",
               "email"
              ],
              "type": "object"
             }
            },
            "required": [
             "user",
             "reason",
             "message"
            ],
            "type": "object"
           },
           "type": "array"
          }
         },
         "required": [
          "eligible",
          "ineligible"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Who may sign this contract, and why the others may not"
   }
  },
  "/api/v1/contracts/{id}/events": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Event"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "The contract's audit trail"
   }
  },
  "/api/v1/contracts/{id}/shares": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "userId": {
          "format": "uuid",
          "type": "string"
         }
        },
        "required": [
         "userId"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "204": {
      "description": "Shared"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Share a contract with a user"
   }
  },
  "/api/v1/contracts/{id}/signatory": {
   "delete": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Removed"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     }
    },
    "summary": "Remove the named signatory"
   },
   "put": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "userId": {
          "format": "uuid",
          "type": "string"
         }
        },
        "required": [
         "userId"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/NamedSignatory"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Name who signs for the company; 403 with the reason when their authority does not cover the contract"
   }
  },
  "/api/v1/contracts/{id}/transitions": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "reason": {
          "maxLength": 2000,
          "type": "string"
         },
         "to": {
          "enum": [
           "draft",
           "inReview",
           "approved",
           "negotiating",
           "signing",
           "signed",
           "active",
           "renewed",
           "expired",
           "terminated",
           "cancelled"
          ],
          "type": "string"
         }
        },
        "required": [
         "to"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Contract"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Move a contract through its lifecycle"
   }
  },
  "/api/v1/contracts/{id}/verify": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Verification"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Verify the audit chain and stored documents"
   }
  },
  "/api/v1/counterparties": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "q",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Counterparty"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "List counterparties"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CounterpartyInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Counterparty"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Create a counterparty"
   }
  },
  "/api/v1/counterparties/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Counterparty"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "A counterparty"
   },
   "patch": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CounterpartyInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Counterparty"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Update a counterparty"
   }
  },
  "/api/v1/documents/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Document"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Document metadata"
   }
  },
  "/api/v1/documents/{id}/content": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/pdf": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       },
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       }
      },
      "description": "The file"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Document bytes"
   }
  },
  "/api/v1/inbox": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "unread",
      "required": false,
      "schema": {
       "enum": [
        "true",
        "false"
       ],
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/InboxItem"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "My notifications, newest first"
   }
  },
  "/api/v1/inbox/{id}/read": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Read"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Mark a notification read"
   }
  },
  "/api/v1/jobs": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "state",
      "required": false,
      "schema": {
       "enum": [
        "queued",
        "running",
        "done",
        "dead"
       ],
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Job"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Background jobs (admin)"
   }
  },
  "/api/v1/jobs/{id}/replay": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "202": {
      "description": "Queued"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     }
    },
    "summary": "Queue a dead job again (admin)"
   }
  },
  "/api/v1/mails": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Mail"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "The mail outbox, newest first (admin)"
   }
  },
  "/api/v1/me": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     }
    },
    "summary": "The calling user"
   }
  },
  "/api/v1/queue/legal": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/QueueEntry"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Contracts waiting on legal, by priority, with the score's parts (legal, admin)"
   }
  },
  "/api/v1/signature-authorities": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "userId",
      "required": false,
      "schema": {
       "format": "uuid",
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/SignatureAuthority"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Signature authorities, revoked ones included (admin, legal, finance)"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "contractTypes": {
          "items": {
           "type": "string"
          },
          "type": "array"
         },
         "maxAmount": {
          "$ref": "#/components/schemas/Money"
         },
         "userId": {
          "type": "string"
         },
         "validFrom": {
          "format": "date",
          "type": "string"
         },
         "validUntil": {
          "format": "date",
          "type": "string"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SignatureAuthority"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Grant a signature authority (admin, legal)"
   }
  },
  "/api/v1/signature-authorities/{id}": {
   "delete": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Revoked"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Revoke a signature authority (admin, legal)"
   }
  },
  "/api/v1/supplier-requests": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/SupplierRequest"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Supplier requests: mine, or every one for legal, finance and admin; newest first"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "annualCost": {
          "$ref": "#/components/schemas/Money"
         },
         "dataProcessed": {
          "items": {
           "type": "string"
          },
          "type": "array"
         },
         "purpose": {
          "maxLength": 4000,
          "type": "string"
         },
         "supplierName": {
          "maxLength": 200,
          "type": "string"
         }
        },
        "required": [
         "supplierName",
         "purpose"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SupplierRequest"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Ask for a new supplier or tool; the supplier policy decides who approves"
   }
  },
  "/api/v1/supplier-requests/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SupplierRequest"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "A supplier request with its approval steps"
   }
  },
  "/api/v1/templates": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "published",
      "required": false,
      "schema": {
       "enum": [
        "true",
        "false"
       ],
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/TemplateSummary"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Templates"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "contractType": {
          "type": "string"
         },
         "language": {
          "enum": [
           "fr",
           "en"
          ],
          "type": "string"
         },
         "name": {
          "type": "string"
         }
        },
        "required": [
         "name",
         "contractType"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Template"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Create a template (legal, admin)"
   }
  },
  "/api/v1/templates/{id}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Template"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "A template with its versions and the published variables and clause tree"
   }
  },
  "/api/v1/templates/{id}/preview": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "format",
      "required": false,
      "schema": {
       "enum": [
        "html",
        "pdf",
        "docx"
       ],
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "clauses": {
          "type": "object"
         },
         "counterpartyId": {
          "format": "uuid",
          "type": "string"
         },
         "title": {
          "type": "string"
         },
         "variables": {
          "type": "object"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/pdf": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       },
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "The document"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Render a contract from the published version without saving"
   }
  },
  "/api/v1/templates/{id}/versions": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "type": "object"
       }
      },
      "application/yaml": {
       "schema": {
        "type": "string"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TemplateVersion"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Add a draft version: the body is the manifest (YAML or JSON)"
   }
  },
  "/api/v1/templates/{id}/versions/{version}": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "path",
      "name": "version",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TemplateVersion"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "A version with its manifest"
   }
  },
  "/api/v1/templates/{id}/versions/{version}/publish": {
   "post": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "path",
      "name": "version",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Template"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Validate and publish a version (legal, admin)"
   }
  },
  "/api/v1/users": {
   "get": {
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/User"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "List users (admin, legal)"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "email": {
          "type": "string"
         },
         "language": {
          "enum": [
           "fr",
           "en"
          ],
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "password": {
          "minLength": 10,
          "type": "string"
         },
         "roles": {
          "items": {
           "enum": [
            "admin",
            "legal",
            "sales",
            "finance",
            "viewer"
           ],
           "type": "string"
          },
          "type": "array"
         }
        },
        "required": [
         "email",
         "name",
         "password",
         "roles"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "409": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Conflict"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Create a user (admin)"
   }
  },
  "/api/v1/users/{id}": {
   "patch": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "active": {
          "type": "boolean"
         },
         "language": {
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "password": {
          "type": "string"
         },
         "roles": {
          "items": {
           "type": "string"
          },
          "type": "array"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Update a user (admin)"
   }
  },
  "/api/v1/webhooks": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "$ref": "#/components/schemas/Webhook"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     }
    },
    "summary": "Outbound webhooks (admin); secrets are not shown"
   },
   "post": {
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "properties": {
         "allowPrivateNetwork": {
          "type": "boolean"
         },
         "events": {
          "items": {
           "type": "string"
          },
          "type": "array"
         },
         "secret": {
          "maxLength": 256,
          "minLength": 16,
          "type": "string"
         },
         "url": {
          "type": "string"
         }
        },
        "required": [
         "url",
         "events"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Webhook"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "413": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Body too large"
     },
     "415": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Unsupported media type"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "Add a webhook (admin): events are signed with the secret, retried and logged"
   }
  },
  "/api/v1/webhooks/{id}": {
   "delete": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Stopped"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     }
    },
    "summary": "Stop a webhook (admin); its log stays"
   }
  },
  "/api/v1/webhooks/{id}/deliveries": {
   "get": {
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "cursor",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "items": {
           "items": {
            "properties": {
             "attempts": {
              "type": "integer"
             },
             "createdAt": {
              "format": "date-time",
              "type": "string"
             },
             "deliveredAt": {
              "format": "date-time",
              "type": "string"
             },
             "eventType": {
              "type": "string"
             },
             "id": {
              "format": "uuid",
              "type": "string"
             },
             "lastError": {
              "type": "string"
             },
             "payload": {
              "type": "object"
             },
             "responseStatus": {
              "type": "integer"
             },
             "status": {
              "enum": [
               "queued",
               "delivered",
               "retrying",
               "failed"
              ],
              "type": "string"
             }
            },
            "required": [
             "id",
             "eventType",
             "status",
             "attempts",
             "createdAt",
             "payload"
            ],
            "type": "object"
           },
           "type": "array"
          },
          "nextCursor": {
           "anyOf": [
            {
             "type": "string"
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "items",
          "nextCursor"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "401": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not authenticated"
     },
     "403": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Forbidden"
     },
     "404": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Not found"
     },
     "422": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Invalid input"
     }
    },
    "summary": "A webhook's delivery log, newest first (admin)"
   }
  },
  "/health": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     },
     "503": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      },
      "description": "The database does not answer"
     }
    },
    "security": [],
    "summary": "Service health"
   }
  },
  "/metrics": {
   "get": {
    "responses": {
     "200": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "Prometheus text"
     },
     "400": {
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      },
      "description": "Malformed request"
     }
    },
    "security": [],
    "summary": "Prometheus metrics"
   }
  }
 },
 "security": [
  {
   "bearer": []
  }
 ],
 "servers": [
  {
   "url": "/"
  }
 ]
}
"""#
}
